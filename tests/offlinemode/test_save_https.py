"""deploy/post-https.sh gives a post a certificate its devices trust once they trust its CA: a
TLS client that knows only that CA connects to the post's address, and a second run keeps the
CA (devices need not trust a new one)."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "deploy/post-https.sh"

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


def make(folder: Path, *addresses: str) -> None:
    subprocess.run([str(SCRIPT), str(folder), *addresses], check=True, capture_output=True)


def handshake(folder: Path, address: str) -> str:
    """Serve TLS on 127.0.0.1 with the post's certificate; connect as a device that trusts
    only the post's CA and checks the certificate names ``address``."""
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(folder / "server.pem", folder / "server.key")
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        connection, _ = listener.accept()
        try:
            with server_context.wrap_socket(connection, server_side=True) as tls:
                tls.sendall(b"ok")
        except (ssl.SSLError, OSError):
            connection.close()  # the device refused the certificate

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    client_context = ssl.create_default_context(cafile=str(folder / "ca.pem"))
    with (
        socket.create_connection(("127.0.0.1", port), timeout=10) as raw,
        client_context.wrap_socket(raw, server_hostname=address) as tls,
    ):
        answer = tls.recv(2).decode()
    thread.join(10)
    listener.close()
    return answer


def test_a_device_trusting_the_posts_ca_connects_to_the_post_by_its_address(tmp_path):
    folder = tmp_path / "tls"
    make(folder, "127.0.0.1", "post.local")
    assert handshake(folder, "127.0.0.1") == "ok"
    assert oct((folder / "server.key").stat().st_mode & 0o777) == "0o600"
    with pytest.raises(ssl.SSLCertVerificationError):
        handshake(folder, "192.168.1.99")  # another address: refused


def test_a_new_certificate_keeps_the_ca_the_devices_trust(tmp_path):
    folder = tmp_path / "tls"
    make(folder, "127.0.0.1")
    ca = (folder / "ca.pem").read_bytes()
    server = (folder / "server.pem").read_bytes()
    make(folder, "127.0.0.1")
    assert (folder / "ca.pem").read_bytes() == ca
    assert (folder / "server.pem").read_bytes() != server
    assert handshake(folder, "127.0.0.1") == "ok"
