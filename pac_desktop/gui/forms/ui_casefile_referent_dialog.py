# generated from ui/casefile/casefile_referent_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QFormLayout, QHeaderView, QLabel,
    QPlainTextEdit, QSizePolicy, QTableView, QVBoxLayout,
    QWidget)

class Ui_ReferentDialog(object):
    def setupUi(self, ReferentDialog):
        if not ReferentDialog.objectName():
            ReferentDialog.setObjectName(u"ReferentDialog")
        ReferentDialog.setModal(True)
        ReferentDialog.setMinimumSize(QSize(640, 520))
        self.dialog_layout = QVBoxLayout(ReferentDialog)
        self.dialog_layout.setSpacing(10)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.intro_label = QLabel(ReferentDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.intro_label)

        self.candidates_view = QTableView(ReferentDialog)
        self.candidates_view.setObjectName(u"candidates_view")
        self.candidates_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.candidates_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.candidates_view.setAlternatingRowColors(True)
        self.candidates_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.candidates_view.verticalHeader().setVisible(False)

        self.dialog_layout.addWidget(self.candidates_view)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.reason_label = QLabel(ReferentDialog)
        self.reason_label.setObjectName(u"reason_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.reason_label)

        self.reason_edit = QPlainTextEdit(ReferentDialog)
        self.reason_edit.setObjectName(u"reason_edit")
        self.reason_edit.setTabChangesFocus(True)

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reason_edit)

        self.override_label = QLabel(ReferentDialog)
        self.override_label.setObjectName(u"override_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.override_label)

        self.override_edit = QPlainTextEdit(ReferentDialog)
        self.override_edit.setObjectName(u"override_edit")
        self.override_edit.setTabChangesFocus(True)

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.override_edit)


        self.dialog_layout.addLayout(self.form_layout)

        self.error_label = QLabel(ReferentDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(ReferentDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.reason_label.setBuddy(self.reason_edit)
        self.override_label.setBuddy(self.override_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReferentDialog)
        self.button_box.rejected.connect(ReferentDialog.reject)

        QMetaObject.connectSlotsByName(ReferentDialog)
    # setupUi

    def retranslateUi(self, ReferentDialog):
        ReferentDialog.setWindowTitle(QCoreApplication.translate("ReferentDialog", u"Changer de r\u00e9f\u00e9rent", None))
        self.intro_label.setText("")
        self.reason_label.setText(QCoreApplication.translate("ReferentDialog", u"&Raison du changement", None))
        self.reason_edit.setPlaceholderText(QCoreApplication.translate("ReferentDialog", u"Par exemple : d\u00e9m\u00e9nagement, demande du jeune, d\u00e9part du r\u00e9f\u00e9rent\u2026", None))
        self.override_label.setText(QCoreApplication.translate("ReferentDialog", u"Raison du &d\u00e9passement du plafond", None))
        self.override_edit.setPlaceholderText(QCoreApplication.translate("ReferentDialog", u"R\u00e9serv\u00e9 aux administrateurs, si le r\u00e9f\u00e9rent choisi a atteint son plafond.", None))
        self.error_label.setText("")
        self.error_label.setProperty(u"role", QCoreApplication.translate("ReferentDialog", u"error", None))
    # retranslateUi
