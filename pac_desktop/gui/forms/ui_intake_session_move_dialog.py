# generated from ui/sessions/intake_session_move_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_IntakeSessionMoveDialog(object):
    def setupUi(self, IntakeSessionMoveDialog):
        if not IntakeSessionMoveDialog.objectName():
            IntakeSessionMoveDialog.setObjectName(u"IntakeSessionMoveDialog")
        IntakeSessionMoveDialog.setMinimumSize(QSize(520, 0))
        self.dialog_layout = QVBoxLayout(IntakeSessionMoveDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.intro_label = QLabel(IntakeSessionMoveDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.intro_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.session_label = QLabel(IntakeSessionMoveDialog)
        self.session_label.setObjectName(u"session_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.session_label)

        self.session_combo = QComboBox(IntakeSessionMoveDialog)
        self.session_combo.setObjectName(u"session_combo")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.session_combo)

        self.slot_label = QLabel(IntakeSessionMoveDialog)
        self.slot_label.setObjectName(u"slot_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.slot_label)

        self.slot_combo = QComboBox(IntakeSessionMoveDialog)
        self.slot_combo.setObjectName(u"slot_combo")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.slot_combo)


        self.dialog_layout.addLayout(self.form_layout)

        self.error_label = QLabel(IntakeSessionMoveDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(IntakeSessionMoveDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.session_label.setBuddy(self.session_combo)
        self.slot_label.setBuddy(self.slot_combo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IntakeSessionMoveDialog)
        self.button_box.rejected.connect(IntakeSessionMoveDialog.reject)

        QMetaObject.connectSlotsByName(IntakeSessionMoveDialog)
    # setupUi

    def retranslateUi(self, IntakeSessionMoveDialog):
        IntakeSessionMoveDialog.setWindowTitle(QCoreApplication.translate("IntakeSessionMoveDialog", u"D\u00e9placer un jeune", None))
        self.session_label.setText(QCoreApplication.translate("IntakeSessionMoveDialog", u"&S\u00e9ance", None))
        self.slot_label.setText(QCoreApplication.translate("IntakeSessionMoveDialog", u"&Cr\u00e9neau", None))
        self.error_label.setProperty(u"role", QCoreApplication.translate("IntakeSessionMoveDialog", u"error", None))
    # retranslateUi
