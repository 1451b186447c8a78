# generated from ui/intake/intake_participants_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_IntakeParticipantsPage(object):
    def setupUi(self, IntakeParticipantsPage):
        if not IntakeParticipantsPage.objectName():
            IntakeParticipantsPage.setObjectName(u"IntakeParticipantsPage")
        self.page_layout = QVBoxLayout(IntakeParticipantsPage)
        self.page_layout.setSpacing(10)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(16, 12, 16, 12)
        self.heading_label = QLabel(IntakeParticipantsPage)
        self.heading_label.setObjectName(u"heading_label")

        self.page_layout.addWidget(self.heading_label)

        self.intro_label = QLabel(IntakeParticipantsPage)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.page_layout.addWidget(self.intro_label)

        self.team_group = QGroupBox(IntakeParticipantsPage)
        self.team_group.setObjectName(u"team_group")
        self.team_layout = QGridLayout(self.team_group)
        self.team_layout.setSpacing(8)
        self.team_layout.setObjectName(u"team_layout")

        self.page_layout.addWidget(self.team_group)

        self.youth_present_check = QCheckBox(IntakeParticipantsPage)
        self.youth_present_check.setObjectName(u"youth_present_check")

        self.page_layout.addWidget(self.youth_present_check)

        self.family_group = QGroupBox(IntakeParticipantsPage)
        self.family_group.setObjectName(u"family_group")
        self.family_group_layout = QVBoxLayout(self.family_group)
        self.family_group_layout.setObjectName(u"family_group_layout")
        self.family_layout = QVBoxLayout()
        self.family_layout.setSpacing(4)
        self.family_layout.setObjectName(u"family_layout")

        self.family_group_layout.addLayout(self.family_layout)

        self.family_empty_label = QLabel(self.family_group)
        self.family_empty_label.setObjectName(u"family_empty_label")
        self.family_empty_label.setWordWrap(True)

        self.family_group_layout.addWidget(self.family_empty_label)

        self.family_add_layout = QHBoxLayout()
        self.family_add_layout.setObjectName(u"family_add_layout")
        self.family_name_edit = QLineEdit(self.family_group)
        self.family_name_edit.setObjectName(u"family_name_edit")

        self.family_add_layout.addWidget(self.family_name_edit)

        self.family_relationship_edit = QLineEdit(self.family_group)
        self.family_relationship_edit.setObjectName(u"family_relationship_edit")
        self.family_relationship_edit.setMaximumSize(QSize(200, 16777215))

        self.family_add_layout.addWidget(self.family_relationship_edit)

        self.add_family_button = QPushButton(self.family_group)
        self.add_family_button.setObjectName(u"add_family_button")

        self.family_add_layout.addWidget(self.add_family_button)


        self.family_group_layout.addLayout(self.family_add_layout)


        self.page_layout.addWidget(self.family_group)

        self.message_label = QLabel(IntakeParticipantsPage)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)

        self.page_layout.addWidget(self.message_label)

        self.page_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page_layout.addItem(self.page_spacer)


        self.retranslateUi(IntakeParticipantsPage)

        QMetaObject.connectSlotsByName(IntakeParticipantsPage)
    # setupUi

    def retranslateUi(self, IntakeParticipantsPage):
        self.heading_label.setText(QCoreApplication.translate("IntakeParticipantsPage", u"Participants", None))
        self.heading_label.setProperty(u"role", QCoreApplication.translate("IntakeParticipantsPage", u"heading", None))
        self.intro_label.setText(QCoreApplication.translate("IntakeParticipantsPage", u"L'\u00e9quipe du territoire, un conseiller par r\u00f4le, choisi dans les structures de ce r\u00f4le. Un absent garde sa place : d\u00e9cochez \u00ab Pr\u00e9sent \u00bb et notez la raison.", None))
        self.intro_label.setProperty(u"role", QCoreApplication.translate("IntakeParticipantsPage", u"muted", None))
        self.team_group.setTitle(QCoreApplication.translate("IntakeParticipantsPage", u"\u00c9quipe de l'accueil commun", None))
        self.youth_present_check.setText(QCoreApplication.translate("IntakeParticipantsPage", u"Le &jeune est pr\u00e9sent", None))
#if QT_CONFIG(accessibility)
        self.youth_present_check.setAccessibleName(QCoreApplication.translate("IntakeParticipantsPage", u"Le jeune est pr\u00e9sent", None))
#endif // QT_CONFIG(accessibility)
        self.family_group.setTitle(QCoreApplication.translate("IntakeParticipantsPage", u"Famille pr\u00e9sente", None))
        self.family_empty_label.setText(QCoreApplication.translate("IntakeParticipantsPage", u"Aucun membre de la famille n'est indiqu\u00e9.", None))
        self.family_empty_label.setProperty(u"role", QCoreApplication.translate("IntakeParticipantsPage", u"muted", None))
#if QT_CONFIG(accessibility)
        self.family_name_edit.setAccessibleName(QCoreApplication.translate("IntakeParticipantsPage", u"Nom du membre de la famille", None))
#endif // QT_CONFIG(accessibility)
        self.family_name_edit.setPlaceholderText(QCoreApplication.translate("IntakeParticipantsPage", u"Nom et pr\u00e9nom", None))
#if QT_CONFIG(accessibility)
        self.family_relationship_edit.setAccessibleName(QCoreApplication.translate("IntakeParticipantsPage", u"Lien avec le jeune", None))
#endif // QT_CONFIG(accessibility)
        self.family_relationship_edit.setPlaceholderText(QCoreApplication.translate("IntakeParticipantsPage", u"m\u00e8re, p\u00e8re, s\u0153ur\u2026", None))
        self.add_family_button.setText(QCoreApplication.translate("IntakeParticipantsPage", u"&Ajouter", None))
#if QT_CONFIG(accessibility)
        self.add_family_button.setAccessibleName(QCoreApplication.translate("IntakeParticipantsPage", u"Ajouter", None))
#endif // QT_CONFIG(accessibility)
        self.message_label.setText("")
        self.message_label.setProperty(u"role", QCoreApplication.translate("IntakeParticipantsPage", u"error", None))
        pass
    # retranslateUi
