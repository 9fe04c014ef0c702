;; introlint in Emacs with eglot (built in from Emacs 29; the `eglot` package before that)
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((markdown-mode latex-mode LaTeX-mode) . ("introlint" "lsp"))))
(add-hook 'markdown-mode-hook #'eglot-ensure)
(add-hook 'latex-mode-hook #'eglot-ensure)
(add-hook 'LaTeX-mode-hook #'eglot-ensure)  ; AUCTeX
