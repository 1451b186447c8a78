# generated from ui/reperage/contact_attempt_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateTimeEdit,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_ContactAttemptDialog(object):
    def setupUi(self, ContactAttemptDialog):
        if not ContactAttemptDialog.objectName():
            ContactAttemptDialog.setObjectName(u"ContactAttemptDialog")
        ContactAttemptDialog.setModal(True)
        ContactAttemptDialog.setMinimumSize(QSize(520, 400))
        self.dialog_layout = QVBoxLayout(ContactAttemptDialog)
        self.dialog_layout.setSpacing(10)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.youth_label = QLabel(ContactAttemptDialog)
        self.youth_label.setObjectName(u"youth_label")

        self.dialog_layout.addWidget(self.youth_label)

        self.refused_label = QLabel(ContactAttemptDialog)
        self.refused_label.setObjectName(u"refused_label")
        self.refused_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.refused_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.when_label = QLabel(ContactAttemptDialog)
        self.when_label.setObjectName(u"when_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.when_label)

        self.when_edit = QDateTimeEdit(ContactAttemptDialog)
        self.when_edit.setObjectName(u"when_edit")
        self.when_edit.setCalendarPopup(True)

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.when_edit)

        self.channel_label = QLabel(ContactAttemptDialog)
        self.channel_label.setObjectName(u"channel_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.channel_label)

        self.channel_combo = QComboBox(ContactAttemptDialog)
        self.channel_combo.setObjectName(u"channel_combo")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.channel_combo)

        self.reached_label = QLabel(ContactAttemptDialog)
        self.reached_label.setObjectName(u"reached_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.reached_label)

        self.reached_combo = QComboBox(ContactAttemptDialog)
        self.reached_combo.setObjectName(u"reached_combo")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.reached_combo)

        self.answer_label = QLabel(ContactAttemptDialog)
        self.answer_label.setObjectName(u"answer_label")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.answer_label)

        self.answer_edit = QPlainTextEdit(ContactAttemptDialog)
        self.answer_edit.setObjectName(u"answer_edit")
        self.answer_edit.setTabChangesFocus(True)

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.answer_edit)

        self.outcome_label = QLabel(ContactAttemptDialog)
        self.outcome_label.setObjectName(u"outcome_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.outcome_label)

        self.outcome_combo = QComboBox(ContactAttemptDialog)
        self.outcome_combo.setObjectName(u"outcome_combo")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.outcome_combo)

        self.next_action_label = QLabel(ContactAttemptDialog)
        self.next_action_label.setObjectName(u"next_action_label")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.next_action_label)

        self.next_action_edit = QLineEdit(ContactAttemptDialog)
        self.next_action_edit.setObjectName(u"next_action_edit")
        self.next_action_edit.setMaxLength(200)

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.next_action_edit)

        self.next_due_label = QLabel(ContactAttemptDialog)
        self.next_due_label.setObjectName(u"next_due_label")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.next_due_label)

        self.next_due_edit = QLineEdit(ContactAttemptDialog)
        self.next_due_edit.setObjectName(u"next_due_edit")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.next_due_edit)


        self.dialog_layout.addLayout(self.form_layout)

        self.error_label = QLabel(ContactAttemptDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(ContactAttemptDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.when_label.setBuddy(self.when_edit)
        self.channel_label.setBuddy(self.channel_combo)
        self.reached_label.setBuddy(self.reached_combo)
        self.answer_label.setBuddy(self.answer_edit)
        self.outcome_label.setBuddy(self.outcome_combo)
        self.next_action_label.setBuddy(self.next_action_edit)
        self.next_due_label.setBuddy(self.next_due_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ContactAttemptDialog)
        self.button_box.rejected.connect(ContactAttemptDialog.reject)

        QMetaObject.connectSlotsByName(ContactAttemptDialog)
    # setupUi

    def retranslateUi(self, ContactAttemptDialog):
        ContactAttemptDialog.setWindowTitle(QCoreApplication.translate("ContactAttemptDialog", u"Noter une prise de contact", None))
        self.youth_label.setText("")
        self.youth_label.setProperty(u"role", QCoreApplication.translate("ContactAttemptDialog", u"heading", None))
        self.refused_label.setText("")
        self.refused_label.setProperty(u"role", QCoreApplication.translate("ContactAttemptDialog", u"warning", None))
        self.when_label.setText(QCoreApplication.translate("ContactAttemptDialog", u"&Date et heure", None))
#if QT_CONFIG(tooltip)
        self.when_edit.setToolTip(QCoreApplication.translate("ContactAttemptDialog", u"Quand la prise de contact a eu lieu : maintenant, ou plus t\u00f4t pour une prise de contact not\u00e9e apr\u00e8s coup (jamais dans le futur).", None))
#endif // QT_CONFIG(tooltip)
        self.channel_label.setText(QCoreApplication.translate("ContactAttemptDialog", u"&Moyen", None))
        self.reached_label.setText(QCoreApplication.translate("ContactAttemptDialog", u"&Joint(e) ?", None))
        self.answer_label.setText(QCoreApplication.translate("ContactAttemptDialog", u"&R\u00e9ponse", None))
        self.answer_edit.setPlaceholderText(QCoreApplication.translate("ContactAttemptDialog", u"Ce que le jeune (ou la personne jointe) a r\u00e9pondu\u2026", None))
        self.outcome_label.setText(QCoreApplication.translate("ContactAttemptDialog", u"&Issue", None))
        self.next_action_label.setText(QCoreApplication.translate("ContactAttemptDialog", u"&Prochaine action", None))
        self.next_action_edit.setPlaceholderText(QCoreApplication.translate("ContactAttemptDialog", u"Rappeler, \u00e9crire, passer par un partenaire\u2026", None))
        self.next_due_label.setText(QCoreApplication.translate("ContactAttemptDialog", u"Pr\u00e9&vue le", None))
        self.next_due_edit.setPlaceholderText(QCoreApplication.translate("ContactAttemptDialog", u"JJ/MM/AAAA", None))
        self.error_label.setText("")
        self.error_label.setProperty(u"role", QCoreApplication.translate("ContactAttemptDialog", u"error", None))
    # retranslateUi
