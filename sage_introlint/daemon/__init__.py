"""`introlint daemon`: a warm checker process that `introlint check` hands its work to.

Like dmypy and eslint_d: spaCy and the packs are loaded once, and each `introlint check` is a
small client that sends its arguments over a per-user Unix socket and prints what comes back,
byte for byte, with the same exit status. Only the same user can reach the socket (an
owner-only folder, an owner-only socket, and the peer's uid checked on every connection);
it is never a network socket. place.py says where the socket is and which code it runs;
wire.py is the message format; server.py the daemon; client.py the commands' side.
"""
