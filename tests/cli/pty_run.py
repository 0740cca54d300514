#!/usr/bin/env python3
"""Runs a command with its stderr on a pseudo-terminal (stdout stays a pipe), as a user's shell
would with `ripple ... > out.json`. Writes the command's stdout to OUT and what the terminal
received to TERM; exits with the command's exit code.
    pty_run.py OUT TERM COMMAND ARGS..."""
import os
import pty
import subprocess
import sys

out_path, term_path, command = sys.argv[1], sys.argv[2], sys.argv[3:]
master, slave = pty.openpty()
with open(out_path, "wb") as out:
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=slave)
    os.close(slave)
    received = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        received += chunk
    code = process.wait()
with open(term_path, "wb") as term:
    term.write(received)
sys.exit(code)
