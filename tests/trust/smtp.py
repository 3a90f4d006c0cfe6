"""A small SMTP server on 127.0.0.1 for tests: it can accept, hang, or refuse one
address, and it records what it accepted.

Run as ``python -m tests.trust.smtp PORT`` it accepts everything and prints one
line per accepted message (``accepted <recipient> <subject>``) for shell tests.
"""

import socketserver
import sys
import threading
from email.parser import BytesHeaderParser


class _Handler(socketserver.StreamRequestHandler):
    timeout = 30

    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        server = self.server
        if server.hang:
            server.release.wait(30)
            return
        self.reply("220 fake.test ready")
        recipients = []
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 fake.test")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                address = command.split(":", 1)[1].strip().strip("<>").lower()
                if address in server.reject:
                    self.reply("550 No such mailbox")
                else:
                    recipients.append(address)
                    self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = self._read_data()
                server.record(recipients, data)
                self.reply("250 Queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 OK")

    def _read_data(self):
        lines = []
        while (line := self.rfile.readline()) not in {b".\r\n", b".\n", b""}:
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)


class FakeSMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port=0, *, reject=(), hang=False, echo=False):
        super().__init__(("127.0.0.1", port), _Handler)
        self.reject = {address.lower() for address in reject}
        self.hang = hang
        self.echo = echo
        self.release = threading.Event()
        self.accepted = []
        self._lock = threading.Lock()

    @property
    def port(self):
        return self.server_address[1]

    def record(self, recipients, data):
        subject = BytesHeaderParser().parsebytes(data)["Subject"]
        with self._lock:
            for recipient in recipients:
                self.accepted.append((recipient, subject))
                if self.echo:
                    print(f"accepted {recipient} {subject}", flush=True)

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.shutdown()
        self.server_close()


if __name__ == "__main__":
    with FakeSMTPServer(int(sys.argv[1]), echo=True) as server:
        threading.Event().wait()
