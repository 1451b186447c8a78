"""Data protection from the command line (issue 7): purge, exports, rights requests, audit trail, settings.

    pac purge --dry-run | --yes                          files past their retention period
    pac export youth ID -o DIR                           everything held about a youth (JSON + PDF)
    pac export evaluation -o DIR                         the pseudonymised evaluation dataset (from the server)
    pac rights record ID --kind correction --text …      a request of access, correction or objection
    pac audit [--staff ID] [--action A] [--since D] [--until D]
    pac evaluation status | enable TERRITORY | disable TERRITORY | refill
    pac settings show | set KEY VALUE [--territory CODE]
    pac security status | no-keyring refuse|passphrase  the local store's encryption

Every command says who runs it: ``--login`` (or $PAC_LOGIN), the password typed (or $PAC_PASSWORD for
scripts); the login, the action and any refusal are recorded in the audit trail like in the application.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pac_desktop.domain.data_rights import RightsRequestKind
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import format_date, format_datetime, plural
from pac_desktop.paths import database_path, default_data_dir, store_file_kind
from pac_desktop.security.keyring_store import backend_name
from pac_desktop.security.roles import Action
from pac_desktop.security.store_key import NoKeyringPolicy, StoreKeyring, read_keyinfo, read_policy, write_policy
from pac_desktop.services.audit import AuditFilter
from pac_desktop.services.data_rights import write_subject_export
from pac_desktop.services.programme_settings import ALL_SETTINGS, BoolSetting
from pac_desktop.services.registry import Services

from .common import cli_actor, credentials, french_date, login_option, open_services


def register(commands: argparse._SubParsersAction) -> None:
    purge = commands.add_parser("purge", help="supprimer les dossiers arrivés au terme de leur durée de conservation")
    mode = purge.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="lister seulement (par défaut)")
    mode.add_argument("--yes", action="store_true", help="supprimer, après avoir relu la liste")
    login_option(purge)
    purge.set_defaults(handler=cmd_purge)

    export = commands.add_parser("export", help="exports : données d'un jeune, évaluation pseudonymisée")
    esub = export.add_subparsers(dest="export_command", metavar="QUOI", required=True)
    youth = esub.add_parser("youth", help="tout ce que la base contient sur un jeune (JSON et PDF)")
    youth.add_argument("id", help="identifiant du jeune")
    youth.add_argument("-o", "--output", type=Path, required=True, help="dossier où écrire les fichiers")
    login_option(youth)
    youth.set_defaults(handler=cmd_export_youth)
    evaluation = esub.add_parser("evaluation", help="données pseudonymisées de l'évaluation (produites par le serveur)")
    evaluation.add_argument("-o", "--output", type=Path, required=True, help="dossier où écrire les fichiers CSV")
    login_option(evaluation)
    evaluation.set_defaults(handler=cmd_export_evaluation)

    rights = commands.add_parser("rights", help="demandes d'accès, de rectification, d'opposition")
    rsub = rights.add_subparsers(dest="rights_command", metavar="ACTION", required=True)
    record = rsub.add_parser("record", help="enregistrer une demande")
    record.add_argument("id", help="identifiant du jeune")
    record.add_argument("--kind", required=True, choices=[k.value for k in RightsRequestKind],
                        help=", ".join(f"{k.value} = {k.label}" for k in RightsRequestKind))
    record.add_argument("--text", required=True, help="ce que la personne demande")
    record.add_argument("--date", type=french_date, default=None, help="date de la demande (par défaut aujourd'hui)")
    login_option(record)
    record.set_defaults(handler=cmd_rights_record)
    listing = rsub.add_parser("list", help="les demandes d'un jeune")
    listing.add_argument("id", help="identifiant du jeune")
    login_option(listing)
    listing.set_defaults(handler=cmd_rights_list)

    audit = commands.add_parser("audit", help="journal d'audit (administrateurs)")
    audit.add_argument("--staff", help="identifiant d'un membre du personnel")
    audit.add_argument("--action", help="action (view, print, export, login, login_failed, denied, purge…)")
    audit.add_argument("--since", type=french_date, help="à partir du (date)")
    audit.add_argument("--until", type=french_date, help="jusqu'au (date)")
    audit.add_argument("--limit", type=int, default=100)
    login_option(audit)
    audit.set_defaults(handler=cmd_audit)

    ev = commands.add_parser("evaluation", help="évaluation par tirage au sort : état, activation par territoire")
    evsub = ev.add_subparsers(dest="evaluation_command", metavar="ACTION", required=True)
    status = evsub.add_parser("status", help="territoires concernés et tirages disponibles hors connexion")
    status.set_defaults(handler=cmd_evaluation_status)
    for name, enabled in (("enable", True), ("disable", False)):
        sw = evsub.add_parser(name, help=("activer" if enabled else "désactiver") + " le tirage pour un territoire")
        sw.add_argument("territory", help="code du territoire")
        login_option(sw)
        sw.set_defaults(handler=cmd_evaluation_switch, enabled=enabled)

    refill = evsub.add_parser("refill", help="demander au serveur des tirages d'avance (ordinateur inscrit)")
    refill.set_defaults(handler=cmd_evaluation_refill)

    security = commands.add_parser("security", help="chiffrement de la base locale : état, choix sans trousseau")
    secsub = security.add_subparsers(dest="security_command", metavar="ACTION", required=True)
    sstatus = secsub.add_parser("status", help="la base est-elle chiffrée, où est sa clé")
    sstatus.set_defaults(handler=cmd_security_status)
    policy = secsub.add_parser(
        "no-keyring", help="sans trousseau sécurisé : refuser de démarrer (refuse) ou demander une phrase secrète"
    )
    policy.add_argument("policy", choices=[p.value for p in NoKeyringPolicy])
    policy.set_defaults(handler=cmd_security_policy)
    forget = secsub.add_parser(
        "forget-keys", help="supprimer du trousseau les clés de cette base (avant d'effacer ses données)"
    )
    forget.set_defaults(handler=cmd_security_forget_keys)

    settings = commands.add_parser("settings", help="réglages du programme (durées de conservation, verrouillage…)")
    ssub = settings.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    show = ssub.add_parser("show", help="les réglages en vigueur")
    show.set_defaults(handler=cmd_settings_show)
    put = ssub.add_parser("set", help="changer un réglage (administrateurs)")
    put.add_argument("key", choices=[s.key for s in ALL_SETTINGS])
    put.add_argument("value", help="un nombre, ou oui / non")
    put.add_argument("--territory", help="code du territoire (réglages par territoire)")
    login_option(put)
    put.set_defaults(handler=cmd_settings_set)


# -- purge ----------------------------------------------------------------------------------------------


def cmd_purge(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    plan = services.retention.plan(actor=actor)
    print(
        f"Durée de conservation : {plan.retention_months} mois après le dernier contact "
        f"(dossiers sans contact depuis le {format_date(plan.cutoff)})."
    )
    print(f"{plural(plan.count, 'dossier arrivé', 'dossiers arrivés')} au terme de la durée de conservation.")
    for c in plan.candidates:
        print(f"  {c.youth_id[:8]}  {c.initials:6}  {c.territory_name:28}  {c.status_label:24}  "
              f"dernier contact : {format_date(c.last_contact)}")
    print(f"{plural(plan.old_audit_events, 'événement', 'événements')} du journal d'audit de plus de "
          f"{format_date(plan.audit_cutoff.date())} à effacer de cet ordinateur.")
    if not args.yes:
        if plan.count or plan.old_audit_events:
            print("Rien n'a été supprimé. Pour supprimer, relancez avec --yes.")
        return 0
    report = services.retention.purge(actor=actor, youth_ids=[c.youth_id for c in plan.candidates])
    how = "supprimés de cet ordinateur" if report.deleted_outright else "supprimés ; la suppression partira au serveur"
    print(f"{plural(report.youths, 'dossier', 'dossiers')} ({plural(report.rows, 'ligne', 'lignes')}) {how}.")
    print(f"{plural(report.audit_events_removed, 'événement', 'événements')} du journal d'audit effacés.")
    return 0


# -- exports ------------------------------------------------------------------------------------------------


def cmd_export_youth(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    export = services.data_rights.subject_export(youth_id=args.id, actor=actor)
    json_path, pdf_path = write_subject_export(export, args.output)
    total = sum(len(rows) for rows in export.records.values())
    print(f"Données de {export.display_name} : {plural(total, 'enregistrement', 'enregistrements')}.")
    print(f"  {pdf_path}  (lisible)")
    print(f"  {json_path}  (complet, réutilisable)")
    print("Ces fichiers contiennent des données personnelles : remettez-les à la personne, puis effacez-les.")
    return 0


def cmd_export_evaluation(args: argparse.Namespace) -> int:
    services = open_services(args)
    login, password = credentials(args)
    actor = services.sessions.login(login=login, password=password)
    services.guard.require(actor, Action.EVALUATION_EXPORT, entity="evaluation")
    # The server checks the same login, password and role against its own records before answering.
    answer = _evaluation_client(args, services).export(login=login, password=password)
    try:
        args.output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DomainError(f"Le dossier {args.output} ne peut pas être créé : {exc.strerror}.") from exc
    dataset = args.output / "evaluation-pseudonymisee.csv"
    aggregates = args.output / "evaluation-agregats.csv"
    dataset.write_text(answer.dataset_csv, encoding="utf-8")
    aggregates.write_text(answer.aggregates_csv, encoding="utf-8")
    services.audit.record(action="export", by=actor, entity="evaluation", detail=f"{answer.rows} lignes")
    print(f"Export pseudonymisé : {plural(answer.rows, 'jeune', 'jeunes')} → {dataset}")
    print(f"Agrégats (petits effectifs masqués) → {aggregates}")
    return 0


def _evaluation_client(args: argparse.Namespace, services: Services):  # noqa: ANN202
    """The enrolled device's client of /v1/evaluation (server address and keys kept by the sync)."""
    factory = getattr(services, "sync", None)
    make = getattr(factory, "evaluation_client", None)
    if make is None:
        raise DomainError(
            "Cet ordinateur ne peut pas joindre le serveur de synchronisation : l'export de l'évaluation est "
            "produit par le serveur (il seul détient la clé de pseudonymisation). Inscrivez d'abord l'ordinateur "
            "(pac enrol), ou demandez l'export à l'administrateur du serveur (pac-server admin export-evaluation)."
        )
    return make()


# -- rights ---------------------------------------------------------------------------------------------------


def cmd_rights_record(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    kind = RightsRequestKind(args.kind)
    services.data_rights.record_request(
        youth_id=args.id, kind=kind, received_on=args.date or services.ctx.today(), text=args.text, actor=actor
    )
    print(f"{kind.label} enregistrée.")
    return 0


def cmd_rights_list(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    requests = services.data_rights.requests(youth_id=args.id, actor=actor)
    if not requests:
        print("Aucune demande enregistrée pour ce jeune.")
    for r in requests:
        handled = f"traitée le {format_date(r.handled_on)} par {r.handled_by_name}" if r.handled_on else "à traiter"
        print(f"{format_date(r.received_on)}  {r.kind.label} — {handled}\n    {r.text}")
        if r.response:
            print(f"    Suite donnée : {r.response}")
    return 0


# -- audit --------------------------------------------------------------------------------------------------------


def cmd_audit(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    page = services.audit.search(
        actor=actor,
        filters=AuditFilter(staff_id=args.staff, action=args.action, since=args.since, until=args.until),
        limit=args.limit,
    )
    print(f"{plural(page.total, 'événement', 'événements')} (les {len(page.lines)} plus récents ci-dessous).")
    for line in page.lines:
        target = f"{line.entity or ''} {line.entity_id[:8] if line.entity_id else ''}".strip()
        print(f"{format_datetime(line.at):28} {line.staff_name:26} {line.action_label:40} {target} {line.detail}")
    return 0


# -- evaluation ---------------------------------------------------------------------------------------------------------


def _territory_id(services: Services, code: str) -> str:
    tid = next((t.id for t in services.reference.territories() if t.code == code), None)
    if tid is None:
        raise NotFound(f"Aucun territoire ne porte le code « {code} ».")
    return tid


def cmd_evaluation_status(args: argparse.Namespace) -> int:
    services = open_services(args)
    enabled = services.evaluation.enabled_territories()
    if not enabled:
        print("L'évaluation par tirage au sort n'est active pour aucun territoire.")
        return 0
    levels = services.evaluation.reserve_levels()
    for _tid, code in enabled:
        minors, adults = levels.get(f"{code}/minor", 0), levels.get(f"{code}/adult", 0)
        print(f"{code} : tirage actif — réserve hors connexion : {plural(minors, 'tirage', 'tirages')} (mineurs), "
              f"{plural(adults, 'tirage', 'tirages')} (majeurs)")
    return 0


def cmd_evaluation_switch(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    services.evaluation.set_enabled(territory_id=_territory_id(services, args.territory), enabled=args.enabled,
                                    actor=actor)
    print(f"Tirage au sort {'activé' if args.enabled else 'désactivé'} pour {args.territory}.")
    return 0


def cmd_evaluation_refill(args: argparse.Namespace) -> int:
    services = open_services(args)
    before = sum(services.evaluation.reserve_levels().values())
    services.evaluation.refill_after_sync(services.sync)
    after = sum(services.evaluation.reserve_levels().values())
    print(f"Réserve de tirages hors connexion : {after} (+{after - before}).")
    return 0


# -- security ----------------------------------------------------------------------------------------------------------


def cmd_security_status(args: argparse.Namespace) -> int:
    data_dir = args.data_dir or default_data_dir()
    path = database_path(data_dir)
    kind = store_file_kind(path)
    info = read_keyinfo(path)
    ring = StoreKeyring()
    print(f"Base locale : {path}")
    if kind == "missing":
        print("Pas encore de base : elle sera créée chiffrée au premier démarrage.")
    elif kind == "plain":
        print("Base NON chiffrée : elle sera chiffrée au prochain démarrage de l'application ou de pac.")
    elif info is not None and info.mode == "passphrase":
        print("Base chiffrée (SQLCipher), protégée par une phrase secrète demandée à chaque démarrage.")
    else:
        print("Base chiffrée (SQLCipher), clé de 256 bits gardée dans le trousseau du système.")
    print(f"Trousseau : {backend_name(ring.backend())} ({'sécurisé' if ring.secure() else 'NON sécurisé, refusé'}).")
    print(f"Sans trousseau sécurisé : {'phrase secrète' if read_policy(data_dir) is NoKeyringPolicy.PASSPHRASE else 'refus de démarrer'}.")
    return 0


def cmd_security_forget_keys(args: argparse.Namespace) -> int:
    """The keyring entries of this store: its key, the sync's token, the evaluation reserve's key (issue 14), the
    messaging password and key of each structure set up here (issue 18), the signing keys sealed under the
    validation PINs chosen here (issue 13).

    The token and the reserve are named inside the store: read while it still opens (a store that does not open
    any more only loses its own key's entry)."""
    from pac_desktop.security.keyring_store import MESSAGING_SERVICE, SYNC_SERVICE, MessagingSecrets
    from pac_desktop.security.pin_seal import PIN_SEAL_SERVICE
    from pac_desktop.security.reserve_key import RESERVE_KEY_SERVICE
    from pac_desktop.security.store_key import STORE_KEY_SERVICE, forget_keyring_entries

    data_dir = args.data_dir or default_data_dir()
    info = read_keyinfo(database_path(data_dir))
    entries: list[tuple[str, str]] = []
    if store_file_kind(database_path(data_dir)) != "missing":
        try:
            services = open_services(args)
        except DomainError:
            services = None
        if services is not None:
            device = services.sync.replica.device()
            reserve_id = services.evaluation.reserve_key_name()
            # The messaging secrets of the structures set up on this computer (issue 18).
            entries += [(MESSAGING_SERVICE, MessagingSecrets.entry(kind, org))
                        for org in services.messaging_settings.configured_organisations()
                        for kind in MessagingSecrets.KINDS]
            entries += [(PIN_SEAL_SERVICE, staff_id) for staff_id in services.pins.sealed_staff()]
            services.ctx.store.engine.dispose()
            entries += [(SYNC_SERVICE, device.device_id if device else ""), (RESERVE_KEY_SERVICE, reserve_id or "")]
    if info is not None and info.mode == "keyring":
        entries.append((STORE_KEY_SERVICE, info.store_id))
    removed = forget_keyring_entries(entries)
    print(f"Trousseau : {plural(removed, 'entrée supprimée', 'entrées supprimées')} pour la base {data_dir}.")
    return 0


def cmd_security_policy(args: argparse.Namespace) -> int:
    data_dir = args.data_dir or default_data_dir()
    policy = NoKeyringPolicy(args.policy)
    write_policy(data_dir, policy)
    if policy is NoKeyringPolicy.PASSPHRASE:
        print("Sans trousseau sécurisé, une phrase secrète sera demandée à chaque démarrage (choisie au premier).")
    else:
        print("Sans trousseau sécurisé, l'application refusera de démarrer.")
    return 0


# -- settings ------------------------------------------------------------------------------------------------------------


def cmd_settings_show(args: argparse.Namespace) -> int:
    services = open_services(args)
    for setting in ALL_SETTINGS:
        value = services.programme_settings.get(setting)
        shown = ("oui" if value else "non") if isinstance(setting, BoolSetting) else f"{value} {setting.unit}"
        print(f"{setting.key:24} {setting.label} : {shown}")
    return 0


def cmd_settings_set(args: argparse.Namespace) -> int:
    services = open_services(args)
    setting = next(s for s in ALL_SETTINGS if s.key == args.key)
    text = args.value.strip().lower()
    if isinstance(setting, BoolSetting):
        if text not in ("oui", "non", "1", "0", "yes", "no"):
            raise DomainError(f"« {setting.label} » vaut oui ou non.")
        value: int | bool = text in ("oui", "1", "yes")
    else:
        try:
            value = int(text)
        except ValueError:
            raise DomainError(f"« {setting.label} » attend un nombre entier ({setting.unit}).") from None
    actor = cli_actor(args, services)
    territory = _territory_id(services, args.territory) if args.territory else None
    services.programme_settings.set(setting, value, actor=actor, territory_id=territory)
    print(f"Réglage enregistré : {setting.label}.")
    return 0
