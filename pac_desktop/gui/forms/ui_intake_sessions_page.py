# generated from ui/sessions/intake_sessions_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QFrame,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QTableView, QVBoxLayout,
    QWidget)

class Ui_IntakeSessionsPage(object):
    def setupUi(self, IntakeSessionsPage):
        if not IntakeSessionsPage.objectName():
            IntakeSessionsPage.setObjectName(u"IntakeSessionsPage")
        self.page_layout = QVBoxLayout(IntakeSessionsPage)
        self.page_layout.setSpacing(12)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(24, 20, 24, 20)
        self.title_layout = QHBoxLayout()
        self.title_layout.setObjectName(u"title_layout")
        self.title_label = QLabel(IntakeSessionsPage)
        self.title_label.setObjectName(u"title_label")

        self.title_layout.addWidget(self.title_label)

        self.title_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.title_layout.addItem(self.title_spacer)

        self.past_check = QCheckBox(IntakeSessionsPage)
        self.past_check.setObjectName(u"past_check")

        self.title_layout.addWidget(self.past_check)

        self.plan_button = QPushButton(IntakeSessionsPage)
        self.plan_button.setObjectName(u"plan_button")

        self.title_layout.addWidget(self.plan_button)


        self.page_layout.addLayout(self.title_layout)

        self.body_layout = QHBoxLayout()
        self.body_layout.setSpacing(16)
        self.body_layout.setObjectName(u"body_layout")
        self.list_layout = QVBoxLayout()
        self.list_layout.setObjectName(u"list_layout")
        self.sessions_view = QTableView(IntakeSessionsPage)
        self.sessions_view.setObjectName(u"sessions_view")
        self.sessions_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sessions_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sessions_view.setAlternatingRowColors(True)
        self.sessions_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sessions_view.setWordWrap(True)
        self.sessions_view.verticalHeader().setVisible(False)

        self.list_layout.addWidget(self.sessions_view)

        self.sessions_empty_label = QLabel(IntakeSessionsPage)
        self.sessions_empty_label.setObjectName(u"sessions_empty_label")
        self.sessions_empty_label.setWordWrap(True)

        self.list_layout.addWidget(self.sessions_empty_label)


        self.body_layout.addLayout(self.list_layout)

        self.detail_frame = QFrame(IntakeSessionsPage)
        self.detail_frame.setObjectName(u"detail_frame")
        self.detail_layout = QVBoxLayout(self.detail_frame)
        self.detail_layout.setSpacing(8)
        self.detail_layout.setObjectName(u"detail_layout")
        self.detail_layout.setContentsMargins(14, 10, 14, 10)
        self.detail_header_layout = QHBoxLayout()
        self.detail_header_layout.setObjectName(u"detail_header_layout")
        self.detail_title_label = QLabel(self.detail_frame)
        self.detail_title_label.setObjectName(u"detail_title_label")
        self.detail_title_label.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.detail_title_label.sizePolicy().hasHeightForWidth())
        self.detail_title_label.setSizePolicy(sizePolicy)

        self.detail_header_layout.addWidget(self.detail_title_label)

        self.edit_button = QPushButton(self.detail_frame)
        self.edit_button.setObjectName(u"edit_button")

        self.detail_header_layout.addWidget(self.edit_button)

        self.cancel_session_button = QPushButton(self.detail_frame)
        self.cancel_session_button.setObjectName(u"cancel_session_button")

        self.detail_header_layout.addWidget(self.cancel_session_button)


        self.detail_layout.addLayout(self.detail_header_layout)

        self.detail_info_label = QLabel(self.detail_frame)
        self.detail_info_label.setObjectName(u"detail_info_label")
        self.detail_info_label.setWordWrap(True)

        self.detail_layout.addWidget(self.detail_info_label)

        self.team_label = QLabel(self.detail_frame)
        self.team_label.setObjectName(u"team_label")
        self.team_label.setWordWrap(True)

        self.detail_layout.addWidget(self.team_label)

        self.slots_view = QTableView(self.detail_frame)
        self.slots_view.setObjectName(u"slots_view")
        self.slots_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.slots_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.slots_view.setAlternatingRowColors(True)
        self.slots_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.slots_view.setWordWrap(True)
        self.slots_view.verticalHeader().setVisible(False)

        self.detail_layout.addWidget(self.slots_view)

        self.slot_buttons_layout = QHBoxLayout()
        self.slot_buttons_layout.setObjectName(u"slot_buttons_layout")
        self.invite_button = QPushButton(self.detail_frame)
        self.invite_button.setObjectName(u"invite_button")

        self.slot_buttons_layout.addWidget(self.invite_button)

        self.confirm_button = QPushButton(self.detail_frame)
        self.confirm_button.setObjectName(u"confirm_button")

        self.slot_buttons_layout.addWidget(self.confirm_button)

        self.decline_button = QPushButton(self.detail_frame)
        self.decline_button.setObjectName(u"decline_button")

        self.slot_buttons_layout.addWidget(self.decline_button)

        self.move_button = QPushButton(self.detail_frame)
        self.move_button.setObjectName(u"move_button")

        self.slot_buttons_layout.addWidget(self.move_button)

        self.remove_button = QPushButton(self.detail_frame)
        self.remove_button.setObjectName(u"remove_button")

        self.slot_buttons_layout.addWidget(self.remove_button)

        self.open_intake_button = QPushButton(self.detail_frame)
        self.open_intake_button.setObjectName(u"open_intake_button")

        self.slot_buttons_layout.addWidget(self.open_intake_button)

        self.slot_buttons_spacer = QSpacerItem(10, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.slot_buttons_layout.addItem(self.slot_buttons_spacer)


        self.detail_layout.addLayout(self.slot_buttons_layout)

        self.session_buttons_layout = QHBoxLayout()
        self.session_buttons_layout.setObjectName(u"session_buttons_layout")
        self.ics_button = QPushButton(self.detail_frame)
        self.ics_button.setObjectName(u"ics_button")

        self.session_buttons_layout.addWidget(self.ics_button)

        self.convocations_button = QPushButton(self.detail_frame)
        self.convocations_button.setObjectName(u"convocations_button")

        self.session_buttons_layout.addWidget(self.convocations_button)

        self.list_button = QPushButton(self.detail_frame)
        self.list_button.setObjectName(u"list_button")

        self.session_buttons_layout.addWidget(self.list_button)

        self.remind_button = QPushButton(self.detail_frame)
        self.remind_button.setObjectName(u"remind_button")

        self.session_buttons_layout.addWidget(self.remind_button)

        self.session_buttons_spacer = QSpacerItem(10, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.session_buttons_layout.addItem(self.session_buttons_spacer)


        self.detail_layout.addLayout(self.session_buttons_layout)

        self.status_label = QLabel(self.detail_frame)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.detail_layout.addWidget(self.status_label)

        self.detail_empty_label = QLabel(self.detail_frame)
        self.detail_empty_label.setObjectName(u"detail_empty_label")
        self.detail_empty_label.setWordWrap(True)

        self.detail_layout.addWidget(self.detail_empty_label)


        self.body_layout.addWidget(self.detail_frame)

        self.body_layout.setStretch(0, 3)
        self.body_layout.setStretch(1, 5)

        self.page_layout.addLayout(self.body_layout)


        self.retranslateUi(IntakeSessionsPage)

        QMetaObject.connectSlotsByName(IntakeSessionsPage)
    # setupUi

    def retranslateUi(self, IntakeSessionsPage):
        IntakeSessionsPage.setWindowTitle(QCoreApplication.translate("IntakeSessionsPage", u"S\u00e9ances d'accueil commun", None))
        self.title_label.setText(QCoreApplication.translate("IntakeSessionsPage", u"S\u00e9ances d'accueil commun", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("IntakeSessionsPage", u"title", None))
        self.past_check.setText(QCoreApplication.translate("IntakeSessionsPage", u"Afficher les s\u00e9ances &pass\u00e9es", None))
        self.plan_button.setText(QCoreApplication.translate("IntakeSessionsPage", u"&Nouvelle s\u00e9ance\u2026", None))
        self.sessions_empty_label.setText(QCoreApplication.translate("IntakeSessionsPage", u"Aucune s\u00e9ance \u00e0 venir. \u00ab Nouvelle s\u00e9ance\u2026 \u00bb en planifie une : date, lieu, l'\u00e9quipe du territoire.", None))
        self.sessions_empty_label.setProperty(u"role", QCoreApplication.translate("IntakeSessionsPage", u"muted", None))
        self.detail_frame.setProperty(u"role", QCoreApplication.translate("IntakeSessionsPage", u"card", None))
        self.detail_title_label.setProperty(u"role", QCoreApplication.translate("IntakeSessionsPage", u"heading", None))
        self.edit_button.setText(QCoreApplication.translate("IntakeSessionsPage", u"&Modifier la s\u00e9ance\u2026", None))
        self.cancel_session_button.setText(QCoreApplication.translate("IntakeSessionsPage", u"Ann&uler la s\u00e9ance\u2026", None))
        self.detail_info_label.setProperty(u"role", QCoreApplication.translate("IntakeSessionsPage", u"muted", None))
        self.invite_button.setText(QCoreApplication.translate("IntakeSessionsPage", u"&Inviter un jeune\u2026", None))
        self.confirm_button.setText(QCoreApplication.translate("IntakeSessionsPage", u"A &confirm\u00e9", None))
        self.decline_button.setText(QCoreApplication.translate("IntakeSessionsPage", u"Ne &viendra pas", None))
        self.move_button.setText(QCoreApplication.translate("IntakeSessionsPage", u"&D\u00e9placer\u2026", None))
        self.remove_button.setText(QCoreApplication.translate("IntakeSessionsPage", u"Re&tirer", None))
        self.open_intake_button.setText(QCoreApplication.translate("IntakeSessionsPage", u"&Ouvrir l'accueil", None))
        self.ics_button.setText(QCoreApplication.translate("IntakeSessionsPage", u"&Agenda (.ics)\u2026", None))
        self.convocations_button.setText(QCoreApplication.translate("IntakeSessionsPage", u"Convocation&s (PDF)", None))
        self.list_button.setText(QCoreApplication.translate("IntakeSessionsPage", u"&Liste de la s\u00e9ance (PDF)", None))
        self.remind_button.setText(QCoreApplication.translate("IntakeSessionsPage", u"Envoyer les &rappels", None))
        self.detail_empty_label.setText(QCoreApplication.translate("IntakeSessionsPage", u"Choisissez une s\u00e9ance dans la liste.", None))
        self.detail_empty_label.setProperty(u"role", QCoreApplication.translate("IntakeSessionsPage", u"muted", None))
    # retranslateUi
