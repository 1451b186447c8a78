"""Agency networks (issue 14): the sync trusts the operating system's certificate store and the system's proxy
settings, and a failed connection names its cause in French (certificate, proxy, DNS, server down).

The private authority is made here, signs the certificate of a real HTTPS pac-server on 127.0.0.1, and is put
in "the system store" through SSL_CERT_FILE: a bundle holding the system's certificates plus the test
authority. That is the variable OpenSSL's default verify paths read — the very lookup truststore makes on
Linux — so the code path is the one an installed authority takes, without changing the trust of this machine
for every other process (update-ca-certificates would, and would need undoing even when a test fails).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import threading
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sync_helpers import publish_reference_and_staff

from pac_desktop.server import admin
from pac_desktop.server.config import Settings
from pac_desktop.server.testing import ServerThread
from pac_desktop.services.registry import Services
from pac_desktop.storage.store import open_store
from pac_desktop.sync.errors import ServerUnreachable
from pac_desktop.sync.transport import HttpTransport, RetryPolicy

SYSTEM_BUNDLES = ("/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt")


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _private_authority(folder: Path) -> tuple[Path, Path, Path]:
    """A test CA (like a TLS-inspecting proxy's), and a certificate for 127.0.0.1 it signed."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("Autorite de test PAC")).issuer_name(_name("Autorite de test PAC"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name("127.0.0.1")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                        x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return ca_file, cert_file, key_file


def _system_bundle_with(ca_file: Path, folder: Path) -> Path:
    system = next((Path(p) for p in SYSTEM_BUNDLES if Path(p).is_file()), None)
    bundle = folder / "system-plus-test-ca.pem"
    bundle.write_bytes((system.read_bytes() if system else b"") + b"\n" + ca_file.read_bytes())
    return bundle


@pytest.fixture
def https_server(tmp_path: Path):
    ca_file, cert_file, key_file = _private_authority(tmp_path)
    server = ServerThread(Settings(database_url=f"sqlite:///{tmp_path / 'server.sqlite3'}"),
                          ssl_certfile=str(cert_file), ssl_keyfile=str(key_file)).start()
    try:
        publish_reference_and_staff(server.engine)
        yield server, ca_file
    finally:
        server.stop()


def _services(tmp_path: Path, name: str) -> Services:
    services = Services.build(open_store(tmp_path / name))
    services.reference.load()
    return services


def test_sync_through_https_signed_by_an_authority_in_the_system_store(tmp_path, https_server, monkeypatch):
    server, ca_file = https_server
    assert server.url.startswith("https://")
    monkeypatch.setenv("SSL_CERT_FILE", str(_system_bundle_with(ca_file, tmp_path)))
    for proxy in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    services = _services(tmp_path, "device")
    code = admin.enrolment_code(server.engine, organisation_code="cio-tarbes").code
    info = services.sync.enrol(server_url=server.url, code=code)  # the real HttpTransport and its client
    assert info.server_url == server.url
    report = services.sync.sync_now()
    assert report.applied > 0  # the reference data and the staff came down over TLS
    services.ctx.store.engine.dispose()


def test_an_unknown_authority_is_named_in_french_and_not_retried(tmp_path, https_server, monkeypatch):
    server, _ca_file = https_server
    system = next((p for p in SYSTEM_BUNDLES if Path(p).is_file()), None)
    if system:
        monkeypatch.setenv("SSL_CERT_FILE", system)  # the system store without the test authority
    transport = HttpTransport(server.url, client_schema=1, retry=RetryPolicy(attempts=4, base=5, cap=5))
    try:
        with pytest.raises(ServerUnreachable) as refused:
            transport.request("GET", "/v1/sync/hello")  # would wait 15 s if it retried
    finally:
        transport.close()
    assert "certificat" in str(refused.value) and "magasin de certificats du système" in str(refused.value)


def test_dns_and_a_stopped_server_are_named(monkeypatch):
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()  # nothing listens there: a server that is down
    quick = RetryPolicy(attempts=2, base=0.01, cap=0.01)
    for url, words in ((f"http://127.0.0.1:{port}", "refuse les connexions"),
                       ("https://serveur-pac.invalid", "introuvable (DNS)")):
        transport = HttpTransport(url, client_schema=1, retry=quick)
        try:
            with pytest.raises(ServerUnreachable) as failed:
                transport.request("GET", "/v1/sync/hello")
        finally:
            transport.close()
        assert words in str(failed.value), str(failed.value)


def test_the_system_proxy_is_used_and_its_refusal_named(monkeypatch):
    """HTTPS_PROXY (how Linux desktops give the system proxy; urllib reads the registry on Windows): a proxy that
    refuses the CONNECT is named as the cause."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    seen: list[bytes] = []

    def proxy() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                seen.append(connection.recv(4096))
                connection.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

    thread = threading.Thread(target=proxy, daemon=True)
    thread.start()
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{listener.getsockname()[1]}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    transport = HttpTransport("https://pac.exemple.fr", client_schema=1,
                              retry=RetryPolicy(attempts=1))
    try:
        with pytest.raises(ServerUnreachable) as failed:
            transport.request("GET", "/v1/sync/hello")
    finally:
        transport.close()
        listener.close()
    assert seen and seen[0].startswith(b"CONNECT pac.exemple.fr:443")
    assert "proxy" in str(failed.value)


def test_the_client_verifies_with_the_system_store():
    from pac_desktop.sync.transport import system_ssl_context

    context = system_ssl_context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert type(context).__module__.startswith("truststore")
