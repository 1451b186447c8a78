# generated from ui/intake/intake_consent_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QGroupBox,
    QLabel, QLineEdit, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_IntakeConsentPage(object):
    def setupUi(self, IntakeConsentPage):
        if not IntakeConsentPage.objectName():
            IntakeConsentPage.setObjectName(u"IntakeConsentPage")
        self.page_layout = QVBoxLayout(IntakeConsentPage)
        self.page_layout.setSpacing(10)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(16, 12, 16, 12)
        self.heading_label = QLabel(IntakeConsentPage)
        self.heading_label.setObjectName(u"heading_label")

        self.page_layout.addWidget(self.heading_label)

        self.intro_label = QLabel(IntakeConsentPage)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.page_layout.addWidget(self.intro_label)

        self.youth_group = QGroupBox(IntakeConsentPage)
        self.youth_group.setObjectName(u"youth_group")
        self.youth_form = QFormLayout(self.youth_group)
        self.youth_form.setObjectName(u"youth_form")
        self.youth_answer_label = QLabel(self.youth_group)
        self.youth_answer_label.setObjectName(u"youth_answer_label")

        self.youth_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.youth_answer_label)

        self.youth_answer_combo = QComboBox(self.youth_group)
        self.youth_answer_combo.setObjectName(u"youth_answer_combo")

        self.youth_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.youth_answer_combo)

        self.youth_date_label = QLabel(self.youth_group)
        self.youth_date_label.setObjectName(u"youth_date_label")

        self.youth_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.youth_date_label)

        self.youth_date_edit = QLineEdit(self.youth_group)
        self.youth_date_edit.setObjectName(u"youth_date_edit")

        self.youth_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.youth_date_edit)

        self.youth_collected_label = QLabel(self.youth_group)
        self.youth_collected_label.setObjectName(u"youth_collected_label")

        self.youth_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.youth_collected_label)

        self.youth_collected_combo = QComboBox(self.youth_group)
        self.youth_collected_combo.setObjectName(u"youth_collected_combo")

        self.youth_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.youth_collected_combo)

        self.youth_recorded_label = QLabel(self.youth_group)
        self.youth_recorded_label.setObjectName(u"youth_recorded_label")
        self.youth_recorded_label.setWordWrap(True)

        self.youth_form.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.youth_recorded_label)


        self.page_layout.addWidget(self.youth_group)

        self.guardian_group = QGroupBox(IntakeConsentPage)
        self.guardian_group.setObjectName(u"guardian_group")
        self.guardian_form = QFormLayout(self.guardian_group)
        self.guardian_form.setObjectName(u"guardian_form")
        self.guardian_answer_label = QLabel(self.guardian_group)
        self.guardian_answer_label.setObjectName(u"guardian_answer_label")

        self.guardian_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.guardian_answer_label)

        self.guardian_answer_combo = QComboBox(self.guardian_group)
        self.guardian_answer_combo.setObjectName(u"guardian_answer_combo")

        self.guardian_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.guardian_answer_combo)

        self.guardian_name_label = QLabel(self.guardian_group)
        self.guardian_name_label.setObjectName(u"guardian_name_label")

        self.guardian_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.guardian_name_label)

        self.guardian_name_edit = QLineEdit(self.guardian_group)
        self.guardian_name_edit.setObjectName(u"guardian_name_edit")

        self.guardian_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.guardian_name_edit)

        self.guardian_date_label = QLabel(self.guardian_group)
        self.guardian_date_label.setObjectName(u"guardian_date_label")

        self.guardian_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.guardian_date_label)

        self.guardian_date_edit = QLineEdit(self.guardian_group)
        self.guardian_date_edit.setObjectName(u"guardian_date_edit")

        self.guardian_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.guardian_date_edit)

        self.guardian_collected_label = QLabel(self.guardian_group)
        self.guardian_collected_label.setObjectName(u"guardian_collected_label")

        self.guardian_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.guardian_collected_label)

        self.guardian_collected_combo = QComboBox(self.guardian_group)
        self.guardian_collected_combo.setObjectName(u"guardian_collected_combo")

        self.guardian_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.guardian_collected_combo)

        self.guardian_relationship_label = QLabel(self.guardian_group)
        self.guardian_relationship_label.setObjectName(u"guardian_relationship_label")

        self.guardian_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.guardian_relationship_label)

        self.guardian_relationship_edit = QLineEdit(self.guardian_group)
        self.guardian_relationship_edit.setObjectName(u"guardian_relationship_edit")

        self.guardian_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.guardian_relationship_edit)

        self.guardian_recorded_label = QLabel(self.guardian_group)
        self.guardian_recorded_label.setObjectName(u"guardian_recorded_label")
        self.guardian_recorded_label.setWordWrap(True)

        self.guardian_form.setWidget(5, QFormLayout.ItemRole.SpanningRole, self.guardian_recorded_label)


        self.page_layout.addWidget(self.guardian_group)

        self.adult_label = QLabel(IntakeConsentPage)
        self.adult_label.setObjectName(u"adult_label")
        self.adult_label.setWordWrap(True)

        self.page_layout.addWidget(self.adult_label)

        self.message_label = QLabel(IntakeConsentPage)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)

        self.page_layout.addWidget(self.message_label)

        self.page_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page_layout.addItem(self.page_spacer)

#if QT_CONFIG(shortcut)
        self.youth_answer_label.setBuddy(self.youth_answer_combo)
        self.youth_date_label.setBuddy(self.youth_date_edit)
        self.youth_collected_label.setBuddy(self.youth_collected_combo)
        self.guardian_answer_label.setBuddy(self.guardian_answer_combo)
        self.guardian_name_label.setBuddy(self.guardian_name_edit)
        self.guardian_date_label.setBuddy(self.guardian_date_edit)
        self.guardian_collected_label.setBuddy(self.guardian_collected_combo)
        self.guardian_relationship_label.setBuddy(self.guardian_relationship_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.youth_answer_combo, self.youth_date_edit)
        QWidget.setTabOrder(self.youth_date_edit, self.youth_collected_combo)
        QWidget.setTabOrder(self.youth_collected_combo, self.guardian_answer_combo)
        QWidget.setTabOrder(self.guardian_answer_combo, self.guardian_name_edit)
        QWidget.setTabOrder(self.guardian_name_edit, self.guardian_date_edit)
        QWidget.setTabOrder(self.guardian_date_edit, self.guardian_collected_combo)

        self.retranslateUi(IntakeConsentPage)

        QMetaObject.connectSlotsByName(IntakeConsentPage)
    # setupUi

    def retranslateUi(self, IntakeConsentPage):
        self.heading_label.setText(QCoreApplication.translate("IntakeConsentPage", u"Consentement au partage du dossier", None))
        self.heading_label.setProperty(u"role", QCoreApplication.translate("IntakeConsentPage", u"heading", None))
        self.intro_label.setText(QCoreApplication.translate("IntakeConsentPage", u"Le dossier du jeune est partag\u00e9 entre le CIO, la MGI et la Mission Locale (et, \u00e0 Tarbes, les chambres consulaires) pour l'accompagner. Expliquez-le simplement et notez sa r\u00e9ponse ; pour un mineur, il faut aussi l'accord d'un repr\u00e9sentant l\u00e9gal. Sans ces accords, l'accueil ne peut pas \u00eatre valid\u00e9.", None))
        self.intro_label.setProperty(u"role", QCoreApplication.translate("IntakeConsentPage", u"muted", None))
        self.youth_group.setTitle(QCoreApplication.translate("IntakeConsentPage", u"Accord du jeune", None))
        self.youth_answer_label.setText(QCoreApplication.translate("IntakeConsentPage", u"&R\u00e9ponse", None))
#if QT_CONFIG(accessibility)
        self.youth_answer_combo.setAccessibleName(QCoreApplication.translate("IntakeConsentPage", u"Accord du jeune : r\u00e9ponse", None))
#endif // QT_CONFIG(accessibility)
        self.youth_date_label.setText(QCoreApplication.translate("IntakeConsentPage", u"&Date", None))
#if QT_CONFIG(accessibility)
        self.youth_date_edit.setAccessibleName(QCoreApplication.translate("IntakeConsentPage", u"Accord du jeune : date", None))
#endif // QT_CONFIG(accessibility)
        self.youth_date_edit.setPlaceholderText(QCoreApplication.translate("IntakeConsentPage", u"JJ/MM/AAAA", None))
        self.youth_collected_label.setText(QCoreApplication.translate("IntakeConsentPage", u"Re&cueilli par", None))
#if QT_CONFIG(accessibility)
        self.youth_collected_combo.setAccessibleName(QCoreApplication.translate("IntakeConsentPage", u"Accord du jeune : recueilli par", None))
#endif // QT_CONFIG(accessibility)
        self.youth_recorded_label.setText("")
        self.youth_recorded_label.setProperty(u"role", QCoreApplication.translate("IntakeConsentPage", u"muted", None))
        self.guardian_group.setTitle(QCoreApplication.translate("IntakeConsentPage", u"Accord du repr\u00e9sentant l\u00e9gal (jeune mineur)", None))
        self.guardian_answer_label.setText(QCoreApplication.translate("IntakeConsentPage", u"R\u00e9&ponse", None))
#if QT_CONFIG(accessibility)
        self.guardian_answer_combo.setAccessibleName(QCoreApplication.translate("IntakeConsentPage", u"Accord du repr\u00e9sentant l\u00e9gal (jeune mineur) : r\u00e9ponse", None))
#endif // QT_CONFIG(accessibility)
        self.guardian_name_label.setText(QCoreApplication.translate("IntakeConsentPage", u"&Nom du repr\u00e9sentant l\u00e9gal", None))
#if QT_CONFIG(accessibility)
        self.guardian_name_edit.setAccessibleName(QCoreApplication.translate("IntakeConsentPage", u"Nom du repr\u00e9sentant l\u00e9gal", None))
#endif // QT_CONFIG(accessibility)
        self.guardian_date_label.setText(QCoreApplication.translate("IntakeConsentPage", u"Da&te", None))
#if QT_CONFIG(accessibility)
        self.guardian_date_edit.setAccessibleName(QCoreApplication.translate("IntakeConsentPage", u"Accord du repr\u00e9sentant l\u00e9gal (jeune mineur) : date", None))
#endif // QT_CONFIG(accessibility)
        self.guardian_date_edit.setPlaceholderText(QCoreApplication.translate("IntakeConsentPage", u"JJ/MM/AAAA", None))
        self.guardian_collected_label.setText(QCoreApplication.translate("IntakeConsentPage", u"Recueilli p&ar", None))
#if QT_CONFIG(accessibility)
        self.guardian_collected_combo.setAccessibleName(QCoreApplication.translate("IntakeConsentPage", u"Accord du repr\u00e9sentant l\u00e9gal (jeune mineur) : recueilli par", None))
#endif // QT_CONFIG(accessibility)
        self.guardian_relationship_label.setText(QCoreApplication.translate("IntakeConsentPage", u"&Lien avec le jeune", None))
#if QT_CONFIG(accessibility)
        self.guardian_relationship_edit.setAccessibleName(QCoreApplication.translate("IntakeConsentPage", u"Lien du repr\u00e9sentant l\u00e9gal avec le jeune", None))
#endif // QT_CONFIG(accessibility)
        self.guardian_relationship_edit.setPlaceholderText(QCoreApplication.translate("IntakeConsentPage", u"m\u00e8re, p\u00e8re, tuteur\u2026", None))
        self.guardian_recorded_label.setText("")
        self.guardian_recorded_label.setProperty(u"role", QCoreApplication.translate("IntakeConsentPage", u"muted", None))
        self.adult_label.setText(QCoreApplication.translate("IntakeConsentPage", u"Le jeune est majeur \u00e0 la date de l'accueil : son seul accord suffit.", None))
        self.adult_label.setProperty(u"role", QCoreApplication.translate("IntakeConsentPage", u"muted", None))
        self.message_label.setText("")
        self.message_label.setProperty(u"role", QCoreApplication.translate("IntakeConsentPage", u"error", None))
        pass
    # retranslateUi
