# generated from ui/intake/intake_youth_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QHBoxLayout, QLabel, QLineEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_IntakeYouthPage(object):
    def setupUi(self, IntakeYouthPage):
        if not IntakeYouthPage.objectName():
            IntakeYouthPage.setObjectName(u"IntakeYouthPage")
        self.page_layout = QVBoxLayout(IntakeYouthPage)
        self.page_layout.setSpacing(10)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(16, 12, 16, 12)
        self.heading_label = QLabel(IntakeYouthPage)
        self.heading_label.setObjectName(u"heading_label")

        self.page_layout.addWidget(self.heading_label)

        self.intro_label = QLabel(IntakeYouthPage)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.page_layout.addWidget(self.intro_label)

        self.columns_layout = QHBoxLayout()
        self.columns_layout.setSpacing(24)
        self.columns_layout.setObjectName(u"columns_layout")
        self.identity_form = QFormLayout()
        self.identity_form.setObjectName(u"identity_form")
        self.first_name_label = QLabel(IntakeYouthPage)
        self.first_name_label.setObjectName(u"first_name_label")

        self.identity_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.first_name_label)

        self.first_name_edit = QLineEdit(IntakeYouthPage)
        self.first_name_edit.setObjectName(u"first_name_edit")

        self.identity_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.first_name_edit)

        self.last_name_label = QLabel(IntakeYouthPage)
        self.last_name_label.setObjectName(u"last_name_label")

        self.identity_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.last_name_label)

        self.last_name_edit = QLineEdit(IntakeYouthPage)
        self.last_name_edit.setObjectName(u"last_name_edit")

        self.identity_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.last_name_edit)

        self.birth_date_label = QLabel(IntakeYouthPage)
        self.birth_date_label.setObjectName(u"birth_date_label")

        self.identity_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.birth_date_label)

        self.birth_date_edit = QLineEdit(IntakeYouthPage)
        self.birth_date_edit.setObjectName(u"birth_date_edit")

        self.identity_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.birth_date_edit)

        self.sex_label = QLabel(IntakeYouthPage)
        self.sex_label.setObjectName(u"sex_label")

        self.identity_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.sex_label)

        self.sex_combo = QComboBox(IntakeYouthPage)
        self.sex_combo.setObjectName(u"sex_combo")

        self.identity_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.sex_combo)

        self.last_class_label = QLabel(IntakeYouthPage)
        self.last_class_label.setObjectName(u"last_class_label")

        self.identity_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.last_class_label)

        self.last_class_edit = QLineEdit(IntakeYouthPage)
        self.last_class_edit.setObjectName(u"last_class_edit")

        self.identity_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.last_class_edit)

        self.newly_arrived_check = QCheckBox(IntakeYouthPage)
        self.newly_arrived_check.setObjectName(u"newly_arrived_check")

        self.identity_form.setWidget(5, QFormLayout.ItemRole.SpanningRole, self.newly_arrived_check)


        self.columns_layout.addLayout(self.identity_form)

        self.contact_form = QFormLayout()
        self.contact_form.setObjectName(u"contact_form")
        self.phone_label = QLabel(IntakeYouthPage)
        self.phone_label.setObjectName(u"phone_label")

        self.contact_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.phone_label)

        self.phone_edit = QLineEdit(IntakeYouthPage)
        self.phone_edit.setObjectName(u"phone_edit")

        self.contact_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.phone_edit)

        self.email_label = QLabel(IntakeYouthPage)
        self.email_label.setObjectName(u"email_label")

        self.contact_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.email_label)

        self.email_edit = QLineEdit(IntakeYouthPage)
        self.email_edit.setObjectName(u"email_edit")

        self.contact_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.email_edit)

        self.address_label = QLabel(IntakeYouthPage)
        self.address_label.setObjectName(u"address_label")

        self.contact_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.address_label)

        self.address_edit = QLineEdit(IntakeYouthPage)
        self.address_edit.setObjectName(u"address_edit")

        self.contact_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.address_edit)

        self.postcode_label = QLabel(IntakeYouthPage)
        self.postcode_label.setObjectName(u"postcode_label")

        self.contact_form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.postcode_label)

        self.postcode_edit = QLineEdit(IntakeYouthPage)
        self.postcode_edit.setObjectName(u"postcode_edit")

        self.contact_form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.postcode_edit)

        self.town_label = QLabel(IntakeYouthPage)
        self.town_label.setObjectName(u"town_label")

        self.contact_form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.town_label)

        self.town_edit = QLineEdit(IntakeYouthPage)
        self.town_edit.setObjectName(u"town_edit")

        self.contact_form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.town_edit)

        self.priority_area_check = QCheckBox(IntakeYouthPage)
        self.priority_area_check.setObjectName(u"priority_area_check")

        self.contact_form.setWidget(5, QFormLayout.ItemRole.SpanningRole, self.priority_area_check)


        self.columns_layout.addLayout(self.contact_form)

        self.columns_layout.setStretch(0, 1)
        self.columns_layout.setStretch(1, 1)

        self.page_layout.addLayout(self.columns_layout)

        self.message_label = QLabel(IntakeYouthPage)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)

        self.page_layout.addWidget(self.message_label)

        self.page_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.page_layout.addItem(self.page_spacer)

#if QT_CONFIG(shortcut)
        self.first_name_label.setBuddy(self.first_name_edit)
        self.last_name_label.setBuddy(self.last_name_edit)
        self.birth_date_label.setBuddy(self.birth_date_edit)
        self.sex_label.setBuddy(self.sex_combo)
        self.last_class_label.setBuddy(self.last_class_edit)
        self.phone_label.setBuddy(self.phone_edit)
        self.email_label.setBuddy(self.email_edit)
        self.address_label.setBuddy(self.address_edit)
        self.postcode_label.setBuddy(self.postcode_edit)
        self.town_label.setBuddy(self.town_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.first_name_edit, self.last_name_edit)
        QWidget.setTabOrder(self.last_name_edit, self.birth_date_edit)
        QWidget.setTabOrder(self.birth_date_edit, self.sex_combo)
        QWidget.setTabOrder(self.sex_combo, self.last_class_edit)
        QWidget.setTabOrder(self.last_class_edit, self.newly_arrived_check)
        QWidget.setTabOrder(self.newly_arrived_check, self.phone_edit)
        QWidget.setTabOrder(self.phone_edit, self.email_edit)
        QWidget.setTabOrder(self.email_edit, self.address_edit)
        QWidget.setTabOrder(self.address_edit, self.postcode_edit)
        QWidget.setTabOrder(self.postcode_edit, self.town_edit)
        QWidget.setTabOrder(self.town_edit, self.priority_area_check)

        self.retranslateUi(IntakeYouthPage)

        QMetaObject.connectSlotsByName(IntakeYouthPage)
    # setupUi

    def retranslateUi(self, IntakeYouthPage):
        self.heading_label.setText(QCoreApplication.translate("IntakeYouthPage", u"Le jeune", None))
        self.heading_label.setProperty(u"role", QCoreApplication.translate("IntakeYouthPage", u"heading", None))
        self.intro_label.setText(QCoreApplication.translate("IntakeYouthPage", u"Son identit\u00e9 et ses coordonn\u00e9es. Tout est enregistr\u00e9 au fil de la saisie.", None))
        self.intro_label.setProperty(u"role", QCoreApplication.translate("IntakeYouthPage", u"muted", None))
        self.first_name_label.setText(QCoreApplication.translate("IntakeYouthPage", u"&Pr\u00e9nom", None))
#if QT_CONFIG(accessibility)
        self.first_name_edit.setAccessibleName(QCoreApplication.translate("IntakeYouthPage", u"Pr\u00e9nom", None))
#endif // QT_CONFIG(accessibility)
        self.last_name_label.setText(QCoreApplication.translate("IntakeYouthPage", u"&Nom", None))
#if QT_CONFIG(accessibility)
        self.last_name_edit.setAccessibleName(QCoreApplication.translate("IntakeYouthPage", u"Nom", None))
#endif // QT_CONFIG(accessibility)
        self.birth_date_label.setText(QCoreApplication.translate("IntakeYouthPage", u"&Date de naissance", None))
#if QT_CONFIG(accessibility)
        self.birth_date_edit.setAccessibleName(QCoreApplication.translate("IntakeYouthPage", u"Date de naissance", None))
#endif // QT_CONFIG(accessibility)
        self.birth_date_edit.setPlaceholderText(QCoreApplication.translate("IntakeYouthPage", u"JJ/MM/AAAA", None))
        self.sex_label.setText(QCoreApplication.translate("IntakeYouthPage", u"&Sexe", None))
#if QT_CONFIG(accessibility)
        self.sex_combo.setAccessibleName(QCoreApplication.translate("IntakeYouthPage", u"Sexe", None))
#endif // QT_CONFIG(accessibility)
        self.last_class_label.setText(QCoreApplication.translate("IntakeYouthPage", u"Derni\u00e8re c&lasse suivie", None))
#if QT_CONFIG(accessibility)
        self.last_class_edit.setAccessibleName(QCoreApplication.translate("IntakeYouthPage", u"Derni\u00e8re classe suivie", None))
#endif // QT_CONFIG(accessibility)
        self.last_class_edit.setPlaceholderText(QCoreApplication.translate("IntakeYouthPage", u"par exemple : seconde professionnelle", None))
        self.newly_arrived_check.setText(QCoreApplication.translate("IntakeYouthPage", u"Nouvellement arriv\u00e9 en &France", None))
#if QT_CONFIG(accessibility)
        self.newly_arrived_check.setAccessibleName(QCoreApplication.translate("IntakeYouthPage", u"Nouvellement arriv\u00e9 en France", None))
#endif // QT_CONFIG(accessibility)
        self.phone_label.setText(QCoreApplication.translate("IntakeYouthPage", u"&T\u00e9l\u00e9phone", None))
#if QT_CONFIG(accessibility)
        self.phone_edit.setAccessibleName(QCoreApplication.translate("IntakeYouthPage", u"T\u00e9l\u00e9phone", None))
#endif // QT_CONFIG(accessibility)
        self.phone_edit.setPlaceholderText(QCoreApplication.translate("IntakeYouthPage", u"10 chiffres", None))
        self.email_label.setText(QCoreApplication.translate("IntakeYouthPage", u"Co&urriel", None))
#if QT_CONFIG(accessibility)
        self.email_edit.setAccessibleName(QCoreApplication.translate("IntakeYouthPage", u"Courriel", None))
#endif // QT_CONFIG(accessibility)
        self.address_label.setText(QCoreApplication.translate("IntakeYouthPage", u"&Adresse", None))
#if QT_CONFIG(accessibility)
        self.address_edit.setAccessibleName(QCoreApplication.translate("IntakeYouthPage", u"Adresse", None))
#endif // QT_CONFIG(accessibility)
        self.postcode_label.setText(QCoreApplication.translate("IntakeYouthPage", u"C&ode postal", None))
#if QT_CONFIG(accessibility)
        self.postcode_edit.setAccessibleName(QCoreApplication.translate("IntakeYouthPage", u"Code postal", None))
#endif // QT_CONFIG(accessibility)
        self.town_label.setText(QCoreApplication.translate("IntakeYouthPage", u"&Commune", None))
#if QT_CONFIG(accessibility)
        self.town_edit.setAccessibleName(QCoreApplication.translate("IntakeYouthPage", u"Commune", None))
#endif // QT_CONFIG(accessibility)
        self.priority_area_check.setText(QCoreApplication.translate("IntakeYouthPage", u"Habite un &quartier prioritaire", None))
#if QT_CONFIG(accessibility)
        self.priority_area_check.setAccessibleName(QCoreApplication.translate("IntakeYouthPage", u"Habite un quartier prioritaire", None))
#endif // QT_CONFIG(accessibility)
        self.message_label.setText("")
        self.message_label.setProperty(u"role", QCoreApplication.translate("IntakeYouthPage", u"error", None))
        pass
    # retranslateUi
