# generated from ui/sessions/intake_session_cancel_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QLabel, QLineEdit, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_IntakeSessionCancelDialog(object):
    def setupUi(self, IntakeSessionCancelDialog):
        if not IntakeSessionCancelDialog.objectName():
            IntakeSessionCancelDialog.setObjectName(u"IntakeSessionCancelDialog")
        IntakeSessionCancelDialog.setMinimumSize(QSize(520, 0))
        self.dialog_layout = QVBoxLayout(IntakeSessionCancelDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.intro_label = QLabel(IntakeSessionCancelDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.intro_label)

        self.reason_label = QLabel(IntakeSessionCancelDialog)
        self.reason_label.setObjectName(u"reason_label")

        self.dialog_layout.addWidget(self.reason_label)

        self.reason_edit = QLineEdit(IntakeSessionCancelDialog)
        self.reason_edit.setObjectName(u"reason_edit")
        self.reason_edit.setMaxLength(300)

        self.dialog_layout.addWidget(self.reason_edit)

        self.notify_check = QCheckBox(IntakeSessionCancelDialog)
        self.notify_check.setObjectName(u"notify_check")
        self.notify_check.setChecked(True)

        self.dialog_layout.addWidget(self.notify_check)

        self.letters_check = QCheckBox(IntakeSessionCancelDialog)
        self.letters_check.setObjectName(u"letters_check")

        self.dialog_layout.addWidget(self.letters_check)

        self.error_label = QLabel(IntakeSessionCancelDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(IntakeSessionCancelDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.reason_label.setBuddy(self.reason_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IntakeSessionCancelDialog)
        self.button_box.rejected.connect(IntakeSessionCancelDialog.reject)

        QMetaObject.connectSlotsByName(IntakeSessionCancelDialog)
    # setupUi

    def retranslateUi(self, IntakeSessionCancelDialog):
        IntakeSessionCancelDialog.setWindowTitle(QCoreApplication.translate("IntakeSessionCancelDialog", u"Annuler la s\u00e9ance", None))
        self.reason_label.setText(QCoreApplication.translate("IntakeSessionCancelDialog", u"&Motif de l'annulation (dit aux jeunes)", None))
        self.reason_edit.setPlaceholderText(QCoreApplication.translate("IntakeSessionCancelDialog", u"Par exemple : salle indisponible, conseiller absent", None))
        self.notify_check.setText(QCoreApplication.translate("IntakeSessionCancelDialog", u"&Pr\u00e9venir les jeunes invit\u00e9s par courriel et SMS", None))
        self.letters_check.setText(QCoreApplication.translate("IntakeSessionCancelDialog", u"Pr\u00e9parer les &lettres d'annulation \u00e0 poster (PDF)", None))
        self.error_label.setProperty(u"role", QCoreApplication.translate("IntakeSessionCancelDialog", u"error", None))
    # retranslateUi
