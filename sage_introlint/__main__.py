"""`python -m sage_introlint`: the same command as `introlint`."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="introlint")
