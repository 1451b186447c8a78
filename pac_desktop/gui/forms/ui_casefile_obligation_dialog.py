# generated from ui/casefile/casefile_obligation_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_ObligationDialog(object):
    def setupUi(self, ObligationDialog):
        if not ObligationDialog.objectName():
            ObligationDialog.setObjectName(u"ObligationDialog")
        ObligationDialog.setModal(True)
        ObligationDialog.setMinimumSize(QSize(520, 260))
        self.dialog_layout = QVBoxLayout(ObligationDialog)
        self.dialog_layout.setSpacing(10)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.intro_label = QLabel(ObligationDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.intro_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.situation_label = QLabel(ObligationDialog)
        self.situation_label.setObjectName(u"situation_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.situation_label)

        self.situation_combo = QComboBox(ObligationDialog)
        self.situation_combo.setObjectName(u"situation_combo")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.situation_combo)

        self.date_label = QLabel(ObligationDialog)
        self.date_label.setObjectName(u"date_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.date_label)

        self.date_edit = QLineEdit(ObligationDialog)
        self.date_edit.setObjectName(u"date_edit")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.date_edit)


        self.dialog_layout.addLayout(self.form_layout)

        self.hint_label = QLabel(ObligationDialog)
        self.hint_label.setObjectName(u"hint_label")
        self.hint_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.hint_label)

        self.error_label = QLabel(ObligationDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(ObligationDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.situation_label.setBuddy(self.situation_combo)
        self.date_label.setBuddy(self.date_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ObligationDialog)
        self.button_box.rejected.connect(ObligationDialog.reject)

        QMetaObject.connectSlotsByName(ObligationDialog)
    # setupUi

    def retranslateUi(self, ObligationDialog):
        ObligationDialog.setWindowTitle(QCoreApplication.translate("ObligationDialog", u"Obligation de formation", None))
        self.intro_label.setText("")
        self.situation_label.setText(QCoreApplication.translate("ObligationDialog", u"&Situation", None))
        self.date_label.setText(QCoreApplication.translate("ObligationDialog", u"&Depuis le", None))
        self.date_edit.setPlaceholderText(QCoreApplication.translate("ObligationDialog", u"JJ/MM/AAAA", None))
        self.hint_label.setText("")
        self.hint_label.setProperty(u"role", QCoreApplication.translate("ObligationDialog", u"muted", None))
        self.error_label.setText("")
        self.error_label.setProperty(u"role", QCoreApplication.translate("ObligationDialog", u"error", None))
    # retranslateUi
