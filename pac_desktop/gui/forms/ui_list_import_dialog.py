# generated from ui/reperage/list_import_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QDialog, QFrame, QGridLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QProgressBar,
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_ListImportDialog(object):
    def setupUi(self, ListImportDialog):
        if not ListImportDialog.objectName():
            ListImportDialog.setObjectName(u"ListImportDialog")
        ListImportDialog.setModal(True)
        ListImportDialog.setMinimumSize(QSize(860, 560))
        self.dialog_layout = QVBoxLayout(ListImportDialog)
        self.dialog_layout.setSpacing(8)
        self.dialog_layout.setObjectName(u"dialog_layout")
        self.title_label = QLabel(ListImportDialog)
        self.title_label.setObjectName(u"title_label")

        self.dialog_layout.addWidget(self.title_label)

        self.file_layout = QHBoxLayout()
        self.file_layout.setObjectName(u"file_layout")
        self.file_label = QLabel(ListImportDialog)
        self.file_label.setObjectName(u"file_label")

        self.file_layout.addWidget(self.file_label)

        self.file_edit = QLineEdit(ListImportDialog)
        self.file_edit.setObjectName(u"file_edit")
        self.file_edit.setReadOnly(True)

        self.file_layout.addWidget(self.file_edit)

        self.choose_button = QPushButton(ListImportDialog)
        self.choose_button.setObjectName(u"choose_button")

        self.file_layout.addWidget(self.choose_button)

        self.territory_label = QLabel(ListImportDialog)
        self.territory_label.setObjectName(u"territory_label")

        self.file_layout.addWidget(self.territory_label)

        self.territory_combo = QComboBox(ListImportDialog)
        self.territory_combo.setObjectName(u"territory_combo")
        self.territory_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.file_layout.addWidget(self.territory_combo)


        self.dialog_layout.addLayout(self.file_layout)

        self.notes_label = QLabel(ListImportDialog)
        self.notes_label.setObjectName(u"notes_label")
        self.notes_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.notes_label)

        self.mapping_box = QWidget(ListImportDialog)
        self.mapping_box.setObjectName(u"mapping_box")
        self.mapping_layout = QVBoxLayout(self.mapping_box)
        self.mapping_layout.setSpacing(4)
        self.mapping_layout.setObjectName(u"mapping_layout")
        self.mapping_layout.setContentsMargins(0, 0, 0, 0)
        self.mapping_label = QLabel(self.mapping_box)
        self.mapping_label.setObjectName(u"mapping_label")
        self.mapping_label.setWordWrap(True)

        self.mapping_layout.addWidget(self.mapping_label)

        self.mapping_area = QScrollArea(self.mapping_box)
        self.mapping_area.setObjectName(u"mapping_area")
        self.mapping_area.setWidgetResizable(True)
        self.mapping_area.setFrameShape(QFrame.Shape.NoFrame)
        self.mapping_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.mapping_widget = QWidget()
        self.mapping_widget.setObjectName(u"mapping_widget")
        self.mapping_grid = QGridLayout(self.mapping_widget)
        self.mapping_grid.setObjectName(u"mapping_grid")
        self.mapping_grid.setHorizontalSpacing(8)
        self.mapping_grid.setVerticalSpacing(4)
        self.mapping_grid.setContentsMargins(0, 0, 0, 0)
        self.mapping_area.setWidget(self.mapping_widget)

        self.mapping_layout.addWidget(self.mapping_area)


        self.dialog_layout.addWidget(self.mapping_box)

        self.counts_label = QLabel(ListImportDialog)
        self.counts_label.setObjectName(u"counts_label")
        self.counts_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.counts_label)

        self.filter_layout = QHBoxLayout()
        self.filter_layout.setObjectName(u"filter_layout")
        self.problems_check = QCheckBox(ListImportDialog)
        self.problems_check.setObjectName(u"problems_check")

        self.filter_layout.addWidget(self.problems_check)

        self.filter_spacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filter_layout.addItem(self.filter_spacer)

        self.skip_errors_check = QCheckBox(ListImportDialog)
        self.skip_errors_check.setObjectName(u"skip_errors_check")

        self.filter_layout.addWidget(self.skip_errors_check)


        self.dialog_layout.addLayout(self.filter_layout)

        self.lines_view = QTableView(ListImportDialog)
        self.lines_view.setObjectName(u"lines_view")
        self.lines_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lines_view.setAlternatingRowColors(True)
        self.lines_view.setWordWrap(False)
        self.lines_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.dialog_layout.addWidget(self.lines_view)

        self.progress_bar = QProgressBar(ListImportDialog)
        self.progress_bar.setObjectName(u"progress_bar")
        self.progress_bar.setTextVisible(True)

        self.dialog_layout.addWidget(self.progress_bar)

        self.error_label = QLabel(ListImportDialog)
        self.error_label.setObjectName(u"error_label")
        self.error_label.setWordWrap(True)

        self.dialog_layout.addWidget(self.error_label)

        self.button_layout = QHBoxLayout()
        self.button_layout.setObjectName(u"button_layout")
        self.save_report_button = QPushButton(ListImportDialog)
        self.save_report_button.setObjectName(u"save_report_button")

        self.button_layout.addWidget(self.save_report_button)

        self.button_spacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.button_layout.addItem(self.button_spacer)

        self.stop_button = QPushButton(ListImportDialog)
        self.stop_button.setObjectName(u"stop_button")

        self.button_layout.addWidget(self.stop_button)

        self.import_button = QPushButton(ListImportDialog)
        self.import_button.setObjectName(u"import_button")

        self.button_layout.addWidget(self.import_button)

        self.close_button = QPushButton(ListImportDialog)
        self.close_button.setObjectName(u"close_button")

        self.button_layout.addWidget(self.close_button)


        self.dialog_layout.addLayout(self.button_layout)

#if QT_CONFIG(shortcut)
        self.file_label.setBuddy(self.file_edit)
        self.territory_label.setBuddy(self.territory_combo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ListImportDialog)

        QMetaObject.connectSlotsByName(ListImportDialog)
    # setupUi

    def retranslateUi(self, ListImportDialog):
        ListImportDialog.setWindowTitle(QCoreApplication.translate("ListImportDialog", u"Importer une liste de jeunes \u00e0 contacter", None))
        self.title_label.setText(QCoreApplication.translate("ListImportDialog", u"Importer une liste de jeunes \u00e0 contacter", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("ListImportDialog", u"heading", None))
        self.file_label.setText(QCoreApplication.translate("ListImportDialog", u"Fic&hier", None))
        self.file_edit.setPlaceholderText(QCoreApplication.translate("ListImportDialog", u"Une liste CSV ou Excel (.xlsx) : plateforme de d\u00e9crochage, SIEI\u2026", None))
        self.choose_button.setText(QCoreApplication.translate("ListImportDialog", u"&Choisir un fichier\u2026", None))
        self.territory_label.setText(QCoreApplication.translate("ListImportDialog", u"&Territoire", None))
        self.notes_label.setText("")
        self.notes_label.setProperty(u"role", QCoreApplication.translate("ListImportDialog", u"warning", None))
        self.mapping_label.setText(QCoreApplication.translate("ListImportDialog", u"<b>Ce que contient chaque colonne du fichier</b> \u2014 corrigez si besoin : ce choix est gard\u00e9 pour la prochaine liste.", None))
        self.counts_label.setText("")
        self.problems_check.setText(QCoreApplication.translate("ListImportDialog", u"Seulement les lignes \u00e0 &revoir", None))
#if QT_CONFIG(tooltip)
        self.problems_check.setToolTip(QCoreApplication.translate("ListImportDialog", u"Les lignes en erreur, les doublons possibles et les jeunes en double dans le fichier", None))
#endif // QT_CONFIG(tooltip)
        self.skip_errors_check.setText(QCoreApplication.translate("ListImportDialog", u"Importer &sans les lignes en erreur", None))
#if QT_CONFIG(tooltip)
        self.skip_errors_check.setToolTip(QCoreApplication.translate("ListImportDialog", u"Les lignes en erreur restent \u00e0 corriger dans le fichier : le rapport d'import les liste.", None))
#endif // QT_CONFIG(tooltip)
        self.error_label.setText("")
        self.error_label.setProperty(u"role", QCoreApplication.translate("ListImportDialog", u"error", None))
        self.save_report_button.setText(QCoreApplication.translate("ListImportDialog", u"&Enregistrer le rapport (CSV)\u2026", None))
        self.stop_button.setText(QCoreApplication.translate("ListImportDialog", u"&Arr\u00eater l'import", None))
        self.import_button.setText(QCoreApplication.translate("ListImportDialog", u"&Importer", None))
        self.close_button.setText(QCoreApplication.translate("ListImportDialog", u"&Fermer", None))
    # retranslateUi
