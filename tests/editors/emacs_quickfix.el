;;; emacs_quickfix.el --- one quick fix round trip with eglot  -*- lexical-binding: t -*-
;; Opens PL_FILE, connects eglot to the pulumi-lint server, waits for its diagnostic, runs
;; `eglot-code-actions' as a user would (M-x at the diagnostic, pick by title), saves the file.
;; With PL_SETUP, that file (a configuration from docs/editors.md) is loaded and eglot starts from
;; the mode hook it sets up; otherwise eglot is pointed at PL_CMD here.
;; The outcome goes to PL_RESULT as JSON.  Runs under `emacs --batch -Q'.

(require 'package)
;; Debian's elpa-eglot lives outside the default package path.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'cl-lib)
(require 'json)
(require 'flymake)
(require 'eglot)

(defvar pl-result nil "Alist written to PL_RESULT.")
(defvar pl-timeout (string-to-number (getenv "PL_TIMEOUT_S")))

(defun pl-note (key value) (push (cons key value) pl-result))

(defun pl-finish (error-message)
  (pl-note 'error error-message)
  (with-temp-file (getenv "PL_RESULT")
    (insert (json-encode pl-result)))
  (kill-emacs (if error-message 1 0)))

(defun pl-wait (predicate)
  "Process server output until PREDICATE holds or the timeout passes; return its value."
  (let ((deadline (+ (float-time) pl-timeout)) (value nil))
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

;; Emacs 28 has no TypeScript mode.  eglot derives the language id from the mode's name, so this
;; trivial mode makes it send "typescript", like a real typescript-mode would.
(define-derived-mode typescript-mode prog-mode "TypeScript")

(defun pl-lsp-code (diag)
  (plist-get (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data diag))) :code))

(defun pl-run ()
  (let* ((setup (getenv "PL_SETUP"))
         (command (json-parse-string (getenv "PL_CMD") :array-type 'list))
         (want-code (getenv "PL_CODE"))
         (want-title (getenv "PL_TITLE"))
         (flawed (getenv "PL_FLAWED"))
         (fixed (getenv "PL_FIXED"))
         (eglot-server-programs (if (string-empty-p setup)
                                    (list (cons '(typescript-mode) command))
                                  eglot-server-programs))
         ;; Batch mode is never idle, so make changes and diagnostics flow without idle timers.
         (eglot-send-changes-idle-time 0)
         (default-directory (file-name-as-directory (getenv "PL_ROOT"))))
    (pl-note 'emacs_version emacs-version)
    (unless (string-empty-p setup) (load setup nil t))
    (find-file (getenv "PL_FILE"))
    (typescript-mode)
    (if (string-empty-p setup)
        (apply #'eglot (eglot--guess-contact))
      ;; `eglot-ensure' connects from `post-command-hook', which batch mode never runs.
      (run-hooks 'post-command-hook))
    (unless (pl-wait #'eglot-current-server) (error "eglot did not connect"))
    (pl-note 'server_command (process-command (jsonrpc--process (eglot-current-server))))
    (flymake-mode 1)
    (let ((ours (pl-wait (lambda ()
                           (flymake-start)
                           (accept-process-output nil 0.05)
                           (cl-find-if (lambda (d) (equal (pl-lsp-code d) want-code))
                                       (flymake-diagnostics))))))
      (pl-note 'diagnostics
               (mapcar (lambda (d) `((code . ,(pl-lsp-code d)) (text . ,(flymake-diagnostic-text d))))
                       (flymake-diagnostics)))
      (unless ours (error "no %s diagnostic within the timeout" want-code))
      (goto-char (flymake-diagnostic-beg ours))
      (let ((offered nil))
        ;; Answer eglot's menu by title, as a user typing it would.
        (cl-letf (((symbol-function 'completing-read)
                   (lambda (_prompt collection &rest _)
                     (setq offered (mapcar #'car collection))
                     (or (cl-find-if (lambda (title) (string-search want-title title)) offered)
                         (error "quick fix %S not offered among %S" want-title offered)))))
          ;; A keyboard event, so eglot asks through the minibuffer rather than a popup menu.
          (let ((last-nonmenu-event ?\C-m))
            (call-interactively #'eglot-code-actions)))
        (pl-note 'offered offered))
      (unless (pl-wait (lambda () (and (not (string-search flawed (buffer-string)))
                                       (string-search fixed (buffer-string)))))
        (error "the quick fix did not change the buffer"))
      (save-buffer)
      (ignore-errors (eglot-shutdown (eglot-current-server))))))

(condition-case err
    (progn (pl-run) (pl-finish nil))
  (error (pl-finish (error-message-string err))))
