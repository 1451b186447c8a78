# generated from ui/casefile/casefile_solution_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QRadioButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_SolutionDialog(object):
    def setupUi(self, SolutionDialog):
        if not SolutionDialog.objectName():
            SolutionDialog.setObjectName(u"SolutionDialog")
        SolutionDialog.setModal(True)
        SolutionDialog.setMinimumSize(QSize(600, 420))
        self.dialog_layout = QVBoxLayout(SolutionDialog)
        self.dialog_layout.setSpacing(10)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.source_layout = QHBoxLayout()
        self.source_layout.setObjectName(u"source_layout")
        self.catalogue_radio = QRadioButton(SolutionDialog)
        self.catalogue_radio.setObjectName(u"catalogue_radio")
        self.catalogue_radio.setChecked(True)

        self.source_layout.addWidget(self.catalogue_radio)

        self.free_radio = QRadioButton(SolutionDialog)
        self.free_radio.setObjectName(u"free_radio")

        self.source_layout.addWidget(self.free_radio)

        self.source_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.source_layout.addItem(self.source_spacer)


        self.dialog_layout.addLayout(self.source_layout)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.offer_label = QLabel(SolutionDialog)
        self.offer_label.setObjectName(u"offer_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.offer_label)

        self.offer_combo = QComboBox(SolutionDialog)
        self.offer_combo.setObjectName(u"offer_combo")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.offer_combo)

        self.free_text_label = QLabel(SolutionDialog)
        self.free_text_label.setObjectName(u"free_text_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.free_text_label)

        self.free_text_edit = QLineEdit(SolutionDialog)
        self.free_text_edit.setObjectName(u"free_text_edit")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.free_text_edit)

        self.category_label = QLabel(SolutionDialog)
        self.category_label.setObjectName(u"category_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.category_label)

        self.category_combo = QComboBox(SolutionDialog)
        self.category_combo.setObjectName(u"category_combo")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.category_combo)

        self.answer_label = QLabel(SolutionDialog)
        self.answer_label.setObjectName(u"answer_label")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.answer_label)

        self.answer_combo = QComboBox(SolutionDialog)
        self.answer_combo.setObjectName(u"answer_combo")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.answer_combo)

        self.planned_start_label = QLabel(SolutionDialog)
        self.planned_start_label.setObjectName(u"planned_start_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.planned_start_label)

        self.planned_start_edit = QLineEdit(SolutionDialog)
        self.planned_start_edit.setObjectName(u"planned_start_edit")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.planned_start_edit)

        self.notes_label = QLabel(SolutionDialog)
        self.notes_label.setObjectName(u"notes_label")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.notes_label)

        self.notes_edit = QPlainTextEdit(SolutionDialog)
        self.notes_edit.setObjectName(u"notes_edit")
        self.notes_edit.setTabChangesFocus(True)

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.notes_edit)


        self.dialog_layout.addLayout(self.form_layout)

        self.error_label = QLabel(SolutionDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(SolutionDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.offer_label.setBuddy(self.offer_combo)
        self.free_text_label.setBuddy(self.free_text_edit)
        self.category_label.setBuddy(self.category_combo)
        self.answer_label.setBuddy(self.answer_combo)
        self.planned_start_label.setBuddy(self.planned_start_edit)
        self.notes_label.setBuddy(self.notes_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SolutionDialog)
        self.button_box.rejected.connect(SolutionDialog.reject)

        QMetaObject.connectSlotsByName(SolutionDialog)
    # setupUi

    def retranslateUi(self, SolutionDialog):
        SolutionDialog.setWindowTitle(QCoreApplication.translate("SolutionDialog", u"Proposer une solution", None))
        self.catalogue_radio.setText(QCoreApplication.translate("SolutionDialog", u"Offre du &catalogue", None))
        self.free_radio.setText(QCoreApplication.translate("SolutionDialog", u"Autre &solution (texte libre)", None))
        self.offer_label.setText(QCoreApplication.translate("SolutionDialog", u"&Offre", None))
        self.free_text_label.setText(QCoreApplication.translate("SolutionDialog", u"&Description", None))
        self.category_label.setText(QCoreApplication.translate("SolutionDialog", u"Cat\u00e9&gorie", None))
        self.answer_label.setText(QCoreApplication.translate("SolutionDialog", u"&R\u00e9ponse du jeune", None))
        self.planned_start_label.setText(QCoreApplication.translate("SolutionDialog", u"D\u00e9but &pr\u00e9vu", None))
        self.planned_start_edit.setPlaceholderText(QCoreApplication.translate("SolutionDialog", u"JJ/MM/AAAA (facultatif)", None))
        self.notes_label.setText(QCoreApplication.translate("SolutionDialog", u"&Note", None))
        self.notes_edit.setPlaceholderText("")
        self.error_label.setText("")
        self.error_label.setProperty(u"role", QCoreApplication.translate("SolutionDialog", u"error", None))
    # retranslateUi
