"""One running application per data folder (issue 14): a second start on the same store brings the first
window forward instead of opening the store twice.

The first start holds a lock file in the data folder (QLockFile: a crashed instance's lock is recognised as
stale and taken over) and listens on a local socket named from the folder and the user. A second start that
cannot take the lock connects to that socket, asks the first to come forward, and stops; if the first does not
answer, it says that the application is already open.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_FILE = "pac-desktop.lock"
ACTIVATE = b"activate\n"
ALREADY_OPEN_MESSAGE = (
    "PAC Desktop est déjà ouvert sur cet ordinateur pour ces données, mais sa fenêtre ne répond pas. Cherchez-la "
    "dans la barre des tâches ; si elle reste introuvable, fermez la session puis rouvrez-la."
)


def server_name(data_dir: Path) -> str:
    """The local socket's name: one per user and data folder (short, for the 108 bytes of a Unix socket path)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    digest = hashlib.sha256(f"{user}\0{data_dir.resolve()}".encode()).hexdigest()[:20]
    return f"pac-desktop-{digest}"


class SingleInstance(QObject):
    """``claim()`` once the QApplication exists; ``activation_requested`` fires when a second start asks."""

    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._name = server_name(data_dir)
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True when this is the only instance on the folder (it then listens); False when another runs.

        A folder that cannot hold the lock (missing, read-only) counts as free: the store's own checks say what
        is wrong with it."""
        try:
            self._data_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            return True
        lock = QLockFile(str(self._data_dir / LOCK_FILE))
        lock.setStaleLockTime(0)  # never stale by age: only a dead process's lock is taken over
        if not lock.tryLock(0):
            if lock.error() == QLockFile.LockError.LockFailedError:
                return False
            return True  # permission or unknown error: let the store say why
        self._lock = lock
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self._name)  # a socket left by a crashed instance
        if server.listen(self._name):
            server.newConnection.connect(self._on_new_connection)
            self._server = server
        return True

    def ask_running_instance(self, timeout_ms: int = 3000) -> bool:
        """Ask the instance that holds the folder to bring its window forward; True once it acknowledged."""
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(ACTIVATE)
        socket.waitForBytesWritten(timeout_ms)  # False when flushed already: only the answer tells
        answered = socket.waitForReadyRead(timeout_ms) and socket.readAll().data().startswith(b"ok")
        socket.disconnectFromServer()
        return answered

    @Slot()
    def _on_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._on_ready_read(c))
            connection.disconnected.connect(connection.deleteLater)
            if connection.bytesAvailable():
                self._on_ready_read(connection)

    def _on_ready_read(self, connection: QLocalSocket) -> None:
        if connection.readAll().data().startswith(ACTIVATE.strip()):
            connection.write(b"ok\n")
            connection.flush()
            self.activation_requested.emit()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
