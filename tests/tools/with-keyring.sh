#!/usr/bin/env bash
# Run a command inside its own D-Bus session with an unlocked GNOME Keyring (a real Secret Service), as on a
# counsellor's Linux desktop. Usage: with-keyring.sh CMD ARGS... Needs gnome-keyring and dbus (.ci/run installs
# them). Each call is a fresh, empty keyring: run a whole scenario inside one call.
if [ -z "${PAC_KEYRING_INNER:-}" ]; then
  exec env PAC_KEYRING_INNER=1 dbus-run-session -- "$0" "$@"
fi
unset PYTHON_KEYRING_BACKEND
mkdir -p "${HOME:-/tmp}"
eval "$(printf 'pac-test-keyring' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null
exec "$@"
