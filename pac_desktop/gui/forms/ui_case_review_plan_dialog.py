# generated from ui/casefile/case_review_plan_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListView, QSizePolicy, QVBoxLayout, QWidget)

class Ui_ReviewPlanDialog(object):
    def setupUi(self, ReviewPlanDialog):
        if not ReviewPlanDialog.objectName():
            ReviewPlanDialog.setObjectName(u"ReviewPlanDialog")
        ReviewPlanDialog.setModal(True)
        ReviewPlanDialog.setMinimumSize(QSize(900, 560))
        self.dialog_layout = QVBoxLayout(ReviewPlanDialog)
        self.dialog_layout.setSpacing(10)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.date_label = QLabel(ReviewPlanDialog)
        self.date_label.setObjectName(u"date_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.date_label)

        self.date_edit = QLineEdit(ReviewPlanDialog)
        self.date_edit.setObjectName(u"date_edit")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.date_edit)

        self.title_label = QLabel(ReviewPlanDialog)
        self.title_label.setObjectName(u"title_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.title_label)

        self.title_edit = QLineEdit(ReviewPlanDialog)
        self.title_edit.setObjectName(u"title_edit")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.title_edit)

        self.place_label = QLabel(ReviewPlanDialog)
        self.place_label.setObjectName(u"place_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.place_label)

        self.place_edit = QLineEdit(ReviewPlanDialog)
        self.place_edit.setObjectName(u"place_edit")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.place_edit)


        self.dialog_layout.addLayout(self.form_layout)

        self.pickers_layout = QHBoxLayout()
        self.pickers_layout.setSpacing(12)
        self.pickers_layout.setObjectName(u"pickers_layout")
        self.youths_layout = QVBoxLayout()
        self.youths_layout.setObjectName(u"youths_layout")
        self.youths_label = QLabel(ReviewPlanDialog)
        self.youths_label.setObjectName(u"youths_label")

        self.youths_layout.addWidget(self.youths_label)

        self.youth_search_edit = QLineEdit(ReviewPlanDialog)
        self.youth_search_edit.setObjectName(u"youth_search_edit")
        self.youth_search_edit.setClearButtonEnabled(True)

        self.youths_layout.addWidget(self.youth_search_edit)

        self.youths_view = QListView(ReviewPlanDialog)
        self.youths_view.setObjectName(u"youths_view")

        self.youths_layout.addWidget(self.youths_view)


        self.pickers_layout.addLayout(self.youths_layout)

        self.staff_layout = QVBoxLayout()
        self.staff_layout.setObjectName(u"staff_layout")
        self.staff_label = QLabel(ReviewPlanDialog)
        self.staff_label.setObjectName(u"staff_label")

        self.staff_layout.addWidget(self.staff_label)

        self.staff_view = QListView(ReviewPlanDialog)
        self.staff_view.setObjectName(u"staff_view")

        self.staff_layout.addWidget(self.staff_view)


        self.pickers_layout.addLayout(self.staff_layout)

        self.partners_layout = QVBoxLayout()
        self.partners_layout.setObjectName(u"partners_layout")
        self.partners_label = QLabel(ReviewPlanDialog)
        self.partners_label.setObjectName(u"partners_label")

        self.partners_layout.addWidget(self.partners_label)

        self.partners_view = QListView(ReviewPlanDialog)
        self.partners_view.setObjectName(u"partners_view")

        self.partners_layout.addWidget(self.partners_view)


        self.pickers_layout.addLayout(self.partners_layout)


        self.dialog_layout.addLayout(self.pickers_layout)

        self.others_layout = QFormLayout()
        self.others_layout.setObjectName(u"others_layout")
        self.others_label = QLabel(ReviewPlanDialog)
        self.others_label.setObjectName(u"others_label")

        self.others_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.others_label)

        self.others_edit = QLineEdit(ReviewPlanDialog)
        self.others_edit.setObjectName(u"others_edit")

        self.others_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.others_edit)


        self.dialog_layout.addLayout(self.others_layout)

        self.error_label = QLabel(ReviewPlanDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_box = QDialogButtonBox(ReviewPlanDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialog_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.date_label.setBuddy(self.date_edit)
        self.title_label.setBuddy(self.title_edit)
        self.place_label.setBuddy(self.place_edit)
        self.youths_label.setBuddy(self.youth_search_edit)
        self.staff_label.setBuddy(self.staff_view)
        self.partners_label.setBuddy(self.partners_view)
        self.others_label.setBuddy(self.others_edit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReviewPlanDialog)
        self.button_box.rejected.connect(ReviewPlanDialog.reject)

        QMetaObject.connectSlotsByName(ReviewPlanDialog)
    # setupUi

    def retranslateUi(self, ReviewPlanDialog):
        ReviewPlanDialog.setWindowTitle(QCoreApplication.translate("ReviewPlanDialog", u"Planifier une r\u00e9union de synth\u00e8se", None))
        self.date_label.setText(QCoreApplication.translate("ReviewPlanDialog", u"&Date", None))
        self.date_edit.setPlaceholderText(QCoreApplication.translate("ReviewPlanDialog", u"JJ/MM/AAAA", None))
        self.title_label.setText(QCoreApplication.translate("ReviewPlanDialog", u"&Intitul\u00e9", None))
        self.title_edit.setPlaceholderText(QCoreApplication.translate("ReviewPlanDialog", u"R\u00e9union de synth\u00e8se", None))
        self.place_label.setText(QCoreApplication.translate("ReviewPlanDialog", u"&Lieu", None))
        self.youths_label.setText(QCoreApplication.translate("ReviewPlanDialog", u"&Jeunes \u00e9tudi\u00e9s", None))
        self.youths_label.setProperty(u"role", QCoreApplication.translate("ReviewPlanDialog", u"heading", None))
        self.youth_search_edit.setPlaceholderText(QCoreApplication.translate("ReviewPlanDialog", u"Rechercher un jeune", None))
#if QT_CONFIG(accessibility)
        self.youths_view.setAccessibleName(QCoreApplication.translate("ReviewPlanDialog", u"Jeunes \u00e9tudi\u00e9s", None))
#endif // QT_CONFIG(accessibility)
        self.staff_label.setText(QCoreApplication.translate("ReviewPlanDialog", u"P&rofessionnels", None))
        self.staff_label.setProperty(u"role", QCoreApplication.translate("ReviewPlanDialog", u"heading", None))
        self.partners_label.setText(QCoreApplication.translate("ReviewPlanDialog", u"P&artenaires", None))
        self.partners_label.setProperty(u"role", QCoreApplication.translate("ReviewPlanDialog", u"heading", None))
        self.others_label.setText(QCoreApplication.translate("ReviewPlanDialog", u"Autres &participants", None))
        self.others_edit.setPlaceholderText(QCoreApplication.translate("ReviewPlanDialog", u"Noms s\u00e9par\u00e9s par des virgules", None))
        self.error_label.setText("")
        self.error_label.setProperty(u"role", QCoreApplication.translate("ReviewPlanDialog", u"error", None))
    # retranslateUi
