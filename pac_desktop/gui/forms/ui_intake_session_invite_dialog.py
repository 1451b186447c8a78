# generated from ui/sessions/intake_session_invite_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QListView, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_IntakeSessionInviteDialog(object):
    def setupUi(self, IntakeSessionInviteDialog):
        if not IntakeSessionInviteDialog.objectName():
            IntakeSessionInviteDialog.setObjectName(u"IntakeSessionInviteDialog")
        IntakeSessionInviteDialog.setMinimumSize(QSize(520, 420))
        self.dialog_layout = QVBoxLayout(IntakeSessionInviteDialog)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.search_label = QLabel(IntakeSessionInviteDialog)
        self.search_label.setObjectName(u"search_label")

        self.dialog_layout.addWidget(self.search_label)

        self.search_edit = QLineEdit(IntakeSessionInviteDialog)
        self.search_edit.setObjectName(u"search_edit")
        self.search_edit.setClearButtonEnabled(True)

        self.dialog_layout.addWidget(self.search_edit)

        self.youths_view = QListView(IntakeSessionInviteDialog)
        self.youths_view.setObjectName(u"youths_view")
        self.youths_view.setAlternatingRowColors(True)
        self.youths_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.dialog_layout.addWidget(self.youths_view)

        self.slot_layout = QFormLayout()
        self.slot_layout.setObjectName(u"slot_layout")
        self.slot_label = QLabel(IntakeSessionInviteDialog)
        self.slot_label.setObjectName(u"slot_label")

        self.slot_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.slot_label)

        self.slot_combo = QComboBox(IntakeSessionInviteDialog)
        self.slot_combo.setObjectName(u"slot_combo")

        self.slot_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.slot_combo)


        self.dialog_layout.addLayout(self.slot_layout)

        self.error_label = QLabel(IntakeSessionInviteDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(IntakeSessionInviteDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.search_label.setBuddy(self.search_edit)
        self.slot_label.setBuddy(self.slot_combo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IntakeSessionInviteDialog)
        self.button_box.rejected.connect(IntakeSessionInviteDialog.reject)

        QMetaObject.connectSlotsByName(IntakeSessionInviteDialog)
    # setupUi

    def retranslateUi(self, IntakeSessionInviteDialog):
        IntakeSessionInviteDialog.setWindowTitle(QCoreApplication.translate("IntakeSessionInviteDialog", u"Inviter un jeune \u00e0 la s\u00e9ance", None))
        self.search_label.setText(QCoreApplication.translate("IntakeSessionInviteDialog", u"&Rechercher un jeune du territoire (nom, pr\u00e9nom, commune)", None))
        self.slot_label.setText(QCoreApplication.translate("IntakeSessionInviteDialog", u"&Cr\u00e9neau", None))
        self.error_label.setProperty(u"role", QCoreApplication.translate("IntakeSessionInviteDialog", u"error", None))
    # retranslateUi
