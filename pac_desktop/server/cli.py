"""`pac-server`: run the shared server, and its administration commands.

    pac-server serve [--host 127.0.0.1] [--port 8750] [--workers N] [--no-migrate] [--database-url URL]
    pac-server migrate
    pac-server admin create-staff --first-name … --last-name … --organisation CODE --role ROLE [--login …]
    pac-server admin set-setting KEY VALUE [--territory CODE]
    pac-server admin deactivate-staff LOGIN | reactivate-staff LOGIN
    pac-server admin reset-password LOGIN
    pac-server admin set-roles LOGIN ROLE...
    pac-server admin enrolment-code --organisation CODE [--territory CODE | --regional] [--hours 24]
    pac-server admin publish-reference [--directory DIR]
    pac-server admin revoke-device DEVICE_ID
    pac-server admin list-devices
    pac-server admin new-epoch
    pac-server admin purge-tombstones [--days 180] [--dry-run]
    pac-server admin export-evaluation -o DIR | verify-evaluation

The database is ``--database-url``, else ``$PAC_SERVER_DATABASE_URL``, else a SQLite file in the user data
folder. Errors are printed in French with exit status 2.
"""

from __future__ import annotations

import argparse
import getpass
import inspect
import logging
import os
import shutil
import socket
import sys
import tempfile
from collections.abc import Sequence

from pac_desktop import __version__
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import format_datetime
from pac_desktop.domain.programme_settings import ALL_SETTINGS, BoolSetting

from . import admin, evaluation_admin, keys, retention
from .config import ACCESS_TOKEN_SECONDS, DATABASE_URL_ENV, Settings
from .db import SchemaNotCurrent, create_server_engine, current_revision, head_revision, upgrade

PASSWORD_ENV = "PAC_NEW_PASSWORD"
DEFAULT_PORT = 8750


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pac-server", description="PAC — serveur partagé de synchronisation.")
    parser.add_argument("--version", action="version", version=f"pac-server {__version__}")
    parser.add_argument("--database-url", default=None,
                        help="base de données (par défaut : $PAC_SERVER_DATABASE_URL, sinon un fichier SQLite)")
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", required=True)

    serve = commands.add_parser("serve", help="démarrer le serveur")
    serve.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (127.0.0.1 par défaut)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (0 : un port libre, affiché)")
    serve.add_argument("--workers", type=int, default=1, help="nombre de processus (1 par défaut)")
    serve.add_argument("--no-migrate", action="store_true",
                       help="ne pas migrer le schéma au démarrage (« pac-server migrate » l'a fait) : refuser de "
                            "démarrer s'il n'est pas à jour")
    serve.add_argument("--forwarded-allow-ips", default=None,
                       help="adresses du reverse proxy dont les en-têtes X-Forwarded-* sont crus "
                            "(127.0.0.1 par défaut ; $FORWARDED_ALLOW_IPS)")
    serve.set_defaults(handler=cmd_serve)

    migrate = commands.add_parser("migrate", help="mettre le schéma de la base à jour (une fois, sous verrou)")
    migrate.set_defaults(handler=cmd_migrate)

    adm = commands.add_parser("admin", help="administration : personnel, codes d'inscription, appareils")
    sub = adm.add_subparsers(dest="admin_command", metavar="ACTION", required=True)
    staff = sub.add_parser("create-staff", help="créer un membre du personnel (publié sur tous les postes)")
    staff.add_argument("--first-name", required=True)
    staff.add_argument("--last-name", required=True)
    staff.add_argument("--organisation", required=True, help="code de la structure")
    staff.add_argument("--role", action="append", required=True, choices=[r.value for r in StaffRole])
    staff.add_argument("--login", help="identifiant (le mot de passe est demandé, ou lu dans $PAC_NEW_PASSWORD)")
    staff.add_argument("--email")
    staff.add_argument("--phone")
    staff.add_argument("--caseload-cap", type=int, default=50)
    staff.set_defaults(handler=cmd_create_staff)
    setting = sub.add_parser(
        "set-setting", help="changer un réglage du programme (publié sur tous les postes)",
        description="Réglages connus : " + " ; ".join(
            f"{s.key} ({s.label} : {'oui ou non' if isinstance(s, BoolSetting) else f'{s.minimum} à {s.maximum} {s.unit}'}"
            f"{', par territoire possible' if s.per_territory else ''})" for s in ALL_SETTINGS) + ".")
    setting.add_argument("key", metavar="REGLAGE", help="le réglage, par exemple session.lock_minutes")
    setting.add_argument("value", metavar="VALEUR", help="un nombre entier, ou oui / non")
    setting.add_argument("--territory", default=None, metavar="CODE",
                         help="pour ce territoire seulement (réglages qui le permettent, comme evaluation.enabled)")
    setting.set_defaults(handler=cmd_set_setting)
    for name, active, text in (("deactivate-staff", False, "désactiver un compte : plus de connexion sur aucun poste "
                                "après sa synchronisation (ses dossiers restent)"),
                               ("reactivate-staff", True, "réactiver un compte désactivé")):
        toggle = sub.add_parser(name, help=text)
        toggle.add_argument("login", metavar="IDENTIFIANT")
        toggle.set_defaults(handler=cmd_set_staff_active, active=active)
    reset = sub.add_parser("reset-password", help="donner un nouveau mot de passe (demandé deux fois, ou lu dans "
                                                  f"${PASSWORD_ENV})")
    reset.add_argument("login", metavar="IDENTIFIANT")
    reset.set_defaults(handler=cmd_reset_password)
    roles = sub.add_parser("set-roles", help="remplacer les rôles d'un membre du personnel par ceux-ci")
    roles.add_argument("login", metavar="IDENTIFIANT")
    roles.add_argument("roles", metavar="ROLE", nargs="+", choices=[r.value for r in StaffRole])
    roles.set_defaults(handler=cmd_set_roles)
    code = sub.add_parser("enrolment-code", help="créer un code d'inscription à usage unique (24 h)")
    code.add_argument("--organisation", required=True, help="code de la structure de l'appareil")
    code.add_argument("--territory", action="append", help="territoire visible (répétable ; par défaut celui de la structure)")
    code.add_argument("--regional", action="store_true",
                      help="ordinateur du comité de pilotage régional : aucun territoire, aucun dossier ; il "
                           "reçoit les données de référence et demande les chiffres régionaux au serveur")
    code.add_argument("--hours", type=int, default=24, help="durée de validité en heures")
    code.set_defaults(handler=cmd_enrolment_code)
    ref = sub.add_parser("publish-reference", help="publier les données de référence vers les postes")
    ref.add_argument("--directory", default=None, help="dossier des fichiers (par défaut resources/reference)")
    ref.set_defaults(handler=cmd_publish_reference)
    revoke = sub.add_parser("revoke-device", help="retirer un appareil de la synchronisation")
    revoke.add_argument("device_id")
    revoke.set_defaults(handler=cmd_revoke_device)
    devices = sub.add_parser("list-devices", help="lister les appareils inscrits")
    devices.set_defaults(handler=cmd_list_devices)
    epoch = sub.add_parser("new-epoch", help="après une restauration de sauvegarde : les postes resynchronisent")
    epoch.set_defaults(handler=cmd_new_epoch)
    purge = sub.add_parser("purge-tombstones",
                           help="effacer les suppressions lues par tous les postes et anciennes (SYNC.md §8)")
    purge.add_argument("--days", type=int, default=retention.RETENTION_DAYS,
                       help=f"durée de conservation en jours ({retention.RETENTION_DAYS} par défaut)")
    purge.add_argument("--dry-run", action="store_true", help="montrer ce qui serait fait, sans rien modifier")
    purge.set_defaults(handler=cmd_purge_tombstones)
    evaluation_admin.register(sub, _engine)  # issue 7: export-evaluation, verify-evaluation
    token_key = sub.add_parser("token-key", help="clé de signature des jetons d'accès, hors de la base")
    token_key.add_argument("action", choices=["create", "rotate"],
                           help="create : un nouveau fichier de clé ; rotate : nouvelle clé, l'ancienne reste "
                                "valable le temps d'un jeton (15 min)")
    token_key.add_argument("--key-file", default=None, help=f"fichier de clés (par défaut ${keys.KEY_FILE_ENV})")
    token_key.set_defaults(handler=cmd_token_key)
    return parser


def _engine(args: argparse.Namespace):  # noqa: ANN202
    settings = Settings.from_env(args.database_url)
    engine = create_server_engine(settings.database_url)
    upgrade(engine)
    return engine


def _listening_socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # else ~40 ms per answer (Nagle + delayed ACK)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise DomainError(f"Le port {port} de {host} n'est pas disponible ({error.strerror}). "
                          "Choisissez-en un autre avec --port.") from error
    sock.listen(2048)  # connections wait in the backlog from now on, even before uvicorn has started
    sock.set_inheritable(True)  # the workers accept on it
    return sock


def cmd_serve(args: argparse.Namespace) -> int:
    if args.workers < 1:
        raise DomainError("--workers : il faut au moins un processus.")
    if args.workers == 1:
        return _serve(args)
    # Before prometheus_client is imported anywhere: the workers share their metrics through this folder.
    metrics_dir = tempfile.mkdtemp(prefix="pac-server-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    try:
        return _serve(args)
    finally:
        os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
        shutil.rmtree(metrics_dir, ignore_errors=True)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import create_app, signing_keys

    settings = Settings.from_env(args.database_url)
    signing_keys(settings, None)  # no key where one is needed: refused before the database is touched
    engine = create_server_engine(settings.database_url)
    try:
        if not args.no_migrate:
            upgrade(engine)  # once, here, under a lock: the workers only check the schema
        # Everything a worker would refuse (schema, signing key) is refused here, once, in French.
        app = create_app(settings, migrate=False)
    except SchemaNotCurrent as error:
        raise DomainError(str(error)) from error
    finally:
        engine.dispose()
    sock = _listening_socket(args.host, args.port)
    host, port = sock.getsockname()[:2]
    print(f"PAC serveur à l'écoute sur http://{host}:{port}", flush=True)
    options = dict(log_level="warning", access_log=False, timeout_graceful_shutdown=20)
    if args.forwarded_allow_ips:
        options["forwarded_allow_ips"] = args.forwarded_allow_ips
    try:
        if args.workers == 1:
            uvicorn.Server(uvicorn.Config(app, **options)).run(sockets=[sock])
            return 0
        app.state.pac.engine.dispose()
        del app
        os.environ[DATABASE_URL_ENV] = settings.database_url  # the workers read their settings from it
        from uvicorn.supervisors import Multiprocess

        config = uvicorn.Config("pac_desktop.server.app:worker_app", factory=True, workers=args.workers, **options)
        if "target" in inspect.signature(Multiprocess).parameters:  # uvicorn < 0.35
            Multiprocess(config, target=uvicorn.Server(config).run, sockets=[sock]).run()
        else:
            Multiprocess(config, sockets=[sock]).run()
        return 0
    finally:
        sock.close()


def cmd_migrate(args: argparse.Namespace) -> int:
    settings = Settings.from_env(args.database_url)
    engine = create_server_engine(settings.database_url)
    try:
        before = current_revision(engine)
        changed = upgrade(engine)
    finally:
        engine.dispose()
    if changed:
        print(f"Schéma migré de la révision {before or 'vide'} à {head_revision()}.")
    else:
        print(f"Schéma déjà à jour (révision {head_revision()}).")
    return 0


def cmd_token_key(args: argparse.Namespace) -> int:
    from pathlib import Path

    path = args.key_file or os.environ.get(keys.KEY_FILE_ENV)
    if not path:
        raise DomainError(f"Indiquez le fichier de clés avec --key-file (ou ${keys.KEY_FILE_ENV}).")
    if args.action == "create":
        keys.create_key_file(Path(path))
        print(f"Clé de signature créée dans {path} (lisible par son propriétaire seul). Indiquez ce chemin au "
              f"serveur dans ${keys.KEY_FILE_ENV}, puis démarrez-le.")
    else:
        keys.rotate_key_file(Path(path), ACCESS_TOKEN_SECONDS)
        print(f"Nouvelle clé de signature dans {path} ; l'ancienne reste valable {ACCESS_TOKEN_SECONDS // 60} "
              f"minutes pour les jetons déjà émis. Les serveurs qui lisent ce fichier signent avec la nouvelle dans "
              f"les {keys.RELOAD_SECONDS:.0f} secondes, sans redémarrage.")
    return 0


def cmd_create_staff(args: argparse.Namespace) -> int:
    password = None
    if args.login:
        password = os.environ.get(PASSWORD_ENV) or getpass.getpass("Mot de passe : ")
    staff_id = admin.create_staff(
        _engine(args), first_name=args.first_name, last_name=args.last_name, organisation_code=args.organisation,
        roles=[StaffRole(r) for r in args.role], login=args.login, password=password, email=args.email,
        phone=args.phone, caseload_cap=args.caseload_cap)
    print(f"Membre du personnel créé et publié : {args.first_name} {args.last_name} ({staff_id}).")
    return 0


def cmd_set_setting(args: argparse.Namespace) -> int:
    text = admin.set_setting(_engine(args), key=args.key, value=args.value, territory_code=args.territory)
    shown = ("oui" if text == "1" else "non") if any(
        s.key == args.key and isinstance(s, BoolSetting) for s in ALL_SETTINGS) else text
    where = f"pour le territoire {args.territory}" if args.territory else "pour tout le programme"
    print(f"Réglage {args.key} = {shown} {where} ; les postes l'appliquent à leur prochaine synchronisation.")
    return 0


def cmd_set_staff_active(args: argparse.Namespace) -> int:
    changed = admin.set_staff_active(_engine(args), login=args.login, active=args.active)
    state = "réactivé" if args.active else "désactivé"
    if not changed:
        print(f"Le compte « {args.login} » était déjà {state} : rien n'a changé.")
    elif args.active:
        print(f"Compte « {args.login} » réactivé : il peut se connecter après la prochaine synchronisation des postes.")
    else:
        print(f"Compte « {args.login} » désactivé : il ne peut plus se connecter sur un poste dès sa prochaine "
              "synchronisation. Ses dossiers restent.")
    return 0


def _new_password() -> str:
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    first = getpass.getpass("Nouveau mot de passe : ")
    if getpass.getpass("Le même, une seconde fois : ") != first:
        raise DomainError("Les deux mots de passe saisis ne sont pas identiques. Rien n'a changé.")
    return first


def cmd_reset_password(args: argparse.Namespace) -> int:
    admin.reset_password(_engine(args), login=args.login, password=_new_password())
    print(f"Nouveau mot de passe enregistré pour « {args.login} » : il sert sur les postes après leur prochaine "
          "synchronisation.")
    return 0


def cmd_set_roles(args: argparse.Namespace) -> int:
    roles = admin.set_roles(_engine(args), login=args.login, roles=[StaffRole(r) for r in args.roles])
    labels = ", ".join(StaffRole(r).label for r in roles)
    print(f"Rôles de « {args.login} » : {labels}.")
    return 0


def cmd_enrolment_code(args: argparse.Namespace) -> int:
    info = admin.enrolment_code(_engine(args), organisation_code=args.organisation, territory_codes=args.territory,
                                hours=args.hours, regional=args.regional)
    print(info.code)
    kind = "un ordinateur régional (aucun dossier)" if info.regional else "un appareil"
    print(f"Code à usage unique pour {kind} de « {info.organisation_code} », valable jusqu'au "
          f"{format_datetime(info.expires_at)}.", file=sys.stderr)
    return 0


def cmd_publish_reference(args: argparse.Namespace) -> int:
    from pathlib import Path

    report = admin.publish_reference(_engine(args), directory=Path(args.directory) if args.directory else None)
    print(f"Données de référence publiées : {report.created} créées, {report.updated} mises à jour, "
          f"{report.unchanged} inchangées.")
    return 0


def cmd_revoke_device(args: argparse.Namespace) -> int:
    admin.revoke_device(_engine(args), args.device_id)
    print(f"Appareil {args.device_id} retiré : il ne peut plus se synchroniser (ses données restent sur le poste).")
    return 0


def cmd_list_devices(args: argparse.Namespace) -> int:
    for d in admin.list_devices(_engine(args)):
        seen = format_datetime(d.last_seen) if d.last_seen else "jamais"
        print(f"{d.device_id}  {d.status:8}  {d.name:30}  vu : {seen}")
    return 0


def cmd_new_epoch(args: argparse.Namespace) -> int:
    admin.new_epoch(_engine(args))
    print("Nouvelle époque : les postes vont tout recharger et renvoyer ce que la sauvegarde avait perdu.")
    return 0


def cmd_purge_tombstones(args: argparse.Namespace) -> int:
    r = retention.purge_tombstones(_engine(args), retention_days=args.days, dry_run=args.dry_run)
    would = r.dry_run
    if would:
        print("Simulation : rien n'a été modifié. Voici ce que ferait la purge.")
    names = f" ({', '.join(r.disabled_names)})" if r.disabled_names else ""
    print(f"Appareils inactifs depuis plus de {args.days} jours {'à désactiver' if would else 'désactivés'} : "
          f"{r.devices_disabled}{names}.")
    print(f"Suppressions {'à effacer' if would else 'effacées'} définitivement : {r.tombstones_purged} ligne(s), "
          f"avec {r.versions_purged} version(s) de leur historique.")
    if r.horizon > r.previous_horizon:
        print(f"Horizon des suppressions {'à relever' if would else 'relevé'} de {r.previous_horizon} à "
              f"{r.horizon} : un appareil resté en dessous rechargera toutes les données de son territoire.")
    else:
        print(f"Horizon des suppressions inchangé : {r.horizon}.")
    return 0


UNREACHABLE_MESSAGE = ("La base de données est injoignable ({}). Vérifiez son adresse ($PAC_SERVER_DATABASE_URL ou "
                       "--database-url) et qu'elle est démarrée.")


def main(argv: Sequence[str] | None = None) -> int:
    from sqlalchemy.exc import OperationalError

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args) or 0
    except DomainError as error:
        print(f"pac-server : {error}", file=sys.stderr)
        return 2
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        print(f"pac-server : {UNREACHABLE_MESSAGE.format(reason)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
