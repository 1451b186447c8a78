# generated from ui/intake/intake_referent_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QFormLayout, QFrame, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QSpacerItem, QTableView, QVBoxLayout, QWidget)

class Ui_IntakeReferentPage(object):
    def setupUi(self, IntakeReferentPage):
        if not IntakeReferentPage.objectName():
            IntakeReferentPage.setObjectName(u"IntakeReferentPage")
        self.page_layout = QVBoxLayout(IntakeReferentPage)
        self.page_layout.setSpacing(8)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(16, 12, 16, 12)
        self.heading_label = QLabel(IntakeReferentPage)
        self.heading_label.setObjectName(u"heading_label")

        self.page_layout.addWidget(self.heading_label)

        self.intro_label = QLabel(IntakeReferentPage)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.page_layout.addWidget(self.intro_label)

        self.referents_view = QTableView(IntakeReferentPage)
        self.referents_view.setObjectName(u"referents_view")
        self.referents_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.referents_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.referents_view.setAlternatingRowColors(True)
        self.referents_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.referents_view.setTabKeyNavigation(False)
        self.referents_view.verticalHeader().setVisible(False)

        self.page_layout.addWidget(self.referents_view)

        self.referent_reason_label = QLabel(IntakeReferentPage)
        self.referent_reason_label.setObjectName(u"referent_reason_label")
        self.referent_reason_label.setWordWrap(True)

        self.page_layout.addWidget(self.referent_reason_label)

        self.override_frame = QFrame(IntakeReferentPage)
        self.override_frame.setObjectName(u"override_frame")
        self.override_layout = QHBoxLayout(self.override_frame)
        self.override_layout.setObjectName(u"override_layout")
        self.override_layout.setContentsMargins(0, 0, 0, 0)
        self.override_check = QCheckBox(self.override_frame)
        self.override_check.setObjectName(u"override_check")

        self.override_layout.addWidget(self.override_check)

        self.override_reason_edit = QLineEdit(self.override_frame)
        self.override_reason_edit.setObjectName(u"override_reason_edit")

        self.override_layout.addWidget(self.override_reason_edit)


        self.page_layout.addWidget(self.override_frame)

        self.designate_layout = QHBoxLayout()
        self.designate_layout.setObjectName(u"designate_layout")
        self.current_referent_label = QLabel(IntakeReferentPage)
        self.current_referent_label.setObjectName(u"current_referent_label")
        self.current_referent_label.setWordWrap(True)

        self.designate_layout.addWidget(self.current_referent_label)

        self.designate_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.designate_layout.addItem(self.designate_spacer)

        self.designate_button = QPushButton(IntakeReferentPage)
        self.designate_button.setObjectName(u"designate_button")

        self.designate_layout.addWidget(self.designate_button)

        self.designate_layout.setStretch(0, 1)

        self.page_layout.addLayout(self.designate_layout)

        self.appointment_heading_label = QLabel(IntakeReferentPage)
        self.appointment_heading_label.setObjectName(u"appointment_heading_label")

        self.page_layout.addWidget(self.appointment_heading_label)

        self.appointment_form = QFormLayout()
        self.appointment_form.setObjectName(u"appointment_form")
        self.appointment_date_label = QLabel(IntakeReferentPage)
        self.appointment_date_label.setObjectName(u"appointment_date_label")

        self.appointment_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.appointment_date_label)

        self.appointment_when_layout = QHBoxLayout()
        self.appointment_when_layout.setObjectName(u"appointment_when_layout")
        self.appointment_date_edit = QLineEdit(IntakeReferentPage)
        self.appointment_date_edit.setObjectName(u"appointment_date_edit")
        self.appointment_date_edit.setMaximumSize(QSize(140, 16777215))

        self.appointment_when_layout.addWidget(self.appointment_date_edit)

        self.appointment_time_edit = QLineEdit(IntakeReferentPage)
        self.appointment_time_edit.setObjectName(u"appointment_time_edit")
        self.appointment_time_edit.setMaximumSize(QSize(90, 16777215))

        self.appointment_when_layout.addWidget(self.appointment_time_edit)

        self.appointment_when_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.appointment_when_layout.addItem(self.appointment_when_spacer)


        self.appointment_form.setLayout(0, QFormLayout.ItemRole.FieldRole, self.appointment_when_layout)

        self.appointment_place_label = QLabel(IntakeReferentPage)
        self.appointment_place_label.setObjectName(u"appointment_place_label")

        self.appointment_form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.appointment_place_label)

        self.appointment_place_edit = QLineEdit(IntakeReferentPage)
        self.appointment_place_edit.setObjectName(u"appointment_place_edit")

        self.appointment_form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.appointment_place_edit)

        self.appointment_staff_label = QLabel(IntakeReferentPage)
        self.appointment_staff_label.setObjectName(u"appointment_staff_label")

        self.appointment_form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.appointment_staff_label)

        self.appointment_staff_combo = QComboBox(IntakeReferentPage)
        self.appointment_staff_combo.setObjectName(u"appointment_staff_combo")

        self.appointment_form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.appointment_staff_combo)


        self.page_layout.addLayout(self.appointment_form)

        self.message_label = QLabel(IntakeReferentPage)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)

        self.page_layout.addWidget(self.message_label)

        self.page_layout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.appointment_date_label.setBuddy(self.appointment_date_edit)
        self.appointment_place_label.setBuddy(self.appointment_place_edit)
        self.appointment_staff_label.setBuddy(self.appointment_staff_combo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.referents_view, self.override_check)
        QWidget.setTabOrder(self.override_check, self.override_reason_edit)
        QWidget.setTabOrder(self.override_reason_edit, self.designate_button)
        QWidget.setTabOrder(self.designate_button, self.appointment_date_edit)
        QWidget.setTabOrder(self.appointment_date_edit, self.appointment_time_edit)
        QWidget.setTabOrder(self.appointment_time_edit, self.appointment_place_edit)
        QWidget.setTabOrder(self.appointment_place_edit, self.appointment_staff_combo)

        self.retranslateUi(IntakeReferentPage)

        QMetaObject.connectSlotsByName(IntakeReferentPage)
    # setupUi

    def retranslateUi(self, IntakeReferentPage):
        self.heading_label.setText(QCoreApplication.translate("IntakeReferentPage", u"R\u00e9f\u00e9rent unique et prochain rendez-vous", None))
        self.heading_label.setProperty(u"role", QCoreApplication.translate("IntakeReferentPage", u"heading", None))
        self.intro_label.setText(QCoreApplication.translate("IntakeReferentPage", u"Le r\u00e9f\u00e9rent unique suit le jeune apr\u00e8s l'accueil, 50 jeunes au plus chacun. Un r\u00e9f\u00e9rent complet reste affich\u00e9 mais ne peut pas \u00eatre choisi.", None))
        self.intro_label.setProperty(u"role", QCoreApplication.translate("IntakeReferentPage", u"muted", None))
#if QT_CONFIG(accessibility)
        self.referents_view.setAccessibleName(QCoreApplication.translate("IntakeReferentPage", u"R\u00e9f\u00e9rents possibles, avec le nombre de jeunes suivis", None))
#endif // QT_CONFIG(accessibility)
        self.referent_reason_label.setText("")
        self.referent_reason_label.setProperty(u"role", QCoreApplication.translate("IntakeReferentPage", u"warning", None))
        self.override_check.setText(QCoreApplication.translate("IntakeReferentPage", u"D\u00e9passer le pla&fond (administrateur)", None))
#if QT_CONFIG(accessibility)
        self.override_check.setAccessibleName(QCoreApplication.translate("IntakeReferentPage", u"D\u00e9passer le plafond (administrateur)", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.override_reason_edit.setAccessibleName(QCoreApplication.translate("IntakeReferentPage", u"Raison du d\u00e9passement du plafond", None))
#endif // QT_CONFIG(accessibility)
        self.override_reason_edit.setPlaceholderText(QCoreApplication.translate("IntakeReferentPage", u"raison, conserv\u00e9e et imprim\u00e9e", None))
        self.current_referent_label.setText(QCoreApplication.translate("IntakeReferentPage", u"Aucun r\u00e9f\u00e9rent d\u00e9sign\u00e9 pour l'instant.", None))
        self.designate_button.setText(QCoreApplication.translate("IntakeReferentPage", u"&D\u00e9signer ce r\u00e9f\u00e9rent", None))
#if QT_CONFIG(accessibility)
        self.designate_button.setAccessibleName(QCoreApplication.translate("IntakeReferentPage", u"D\u00e9signer ce r\u00e9f\u00e9rent", None))
#endif // QT_CONFIG(accessibility)
        self.appointment_heading_label.setText(QCoreApplication.translate("IntakeReferentPage", u"Prochain rendez-vous", None))
        self.appointment_heading_label.setProperty(u"role", QCoreApplication.translate("IntakeReferentPage", u"heading", None))
        self.appointment_date_label.setText(QCoreApplication.translate("IntakeReferentPage", u"Da&te et heure", None))
#if QT_CONFIG(accessibility)
        self.appointment_date_edit.setAccessibleName(QCoreApplication.translate("IntakeReferentPage", u"Date du prochain rendez-vous", None))
#endif // QT_CONFIG(accessibility)
        self.appointment_date_edit.setPlaceholderText(QCoreApplication.translate("IntakeReferentPage", u"JJ/MM/AAAA", None))
#if QT_CONFIG(accessibility)
        self.appointment_time_edit.setAccessibleName(QCoreApplication.translate("IntakeReferentPage", u"Heure du prochain rendez-vous", None))
#endif // QT_CONFIG(accessibility)
        self.appointment_time_edit.setPlaceholderText(QCoreApplication.translate("IntakeReferentPage", u"HH:MM", None))
        self.appointment_place_label.setText(QCoreApplication.translate("IntakeReferentPage", u"&Lieu", None))
#if QT_CONFIG(accessibility)
        self.appointment_place_edit.setAccessibleName(QCoreApplication.translate("IntakeReferentPage", u"Lieu du prochain rendez-vous", None))
#endif // QT_CONFIG(accessibility)
        self.appointment_staff_label.setText(QCoreApplication.translate("IntakeReferentPage", u"A&vec", None))
#if QT_CONFIG(accessibility)
        self.appointment_staff_combo.setAccessibleName(QCoreApplication.translate("IntakeReferentPage", u"Prochain rendez-vous avec", None))
#endif // QT_CONFIG(accessibility)
        self.message_label.setText("")
        self.message_label.setProperty(u"role", QCoreApplication.translate("IntakeReferentPage", u"error", None))
        pass
    # retranslateUi
