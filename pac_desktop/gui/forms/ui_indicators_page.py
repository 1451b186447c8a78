# generated from ui/documents/indicators_page.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDateEdit,
    QFrame, QGridLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QProgressBar, QPushButton,
    QScrollArea, QSizePolicy, QSpacerItem, QTableView,
    QVBoxLayout, QWidget)

class Ui_IndicatorsPage(object):
    def setupUi(self, IndicatorsPage):
        if not IndicatorsPage.objectName():
            IndicatorsPage.setObjectName(u"IndicatorsPage")
        IndicatorsPage.resize(1100, 800)
        self.page_layout = QVBoxLayout(IndicatorsPage)
        self.page_layout.setObjectName(u"page_layout")
        self.page_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(IndicatorsPage)
        self.scroll_area.setObjectName(u"scroll_area")
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_contents = QWidget()
        self.scroll_contents.setObjectName(u"scroll_contents")
        self.contents_layout = QVBoxLayout(self.scroll_contents)
        self.contents_layout.setSpacing(14)
        self.contents_layout.setObjectName(u"contents_layout")
        self.contents_layout.setContentsMargins(24, 20, 24, -1)
        self.title_label = QLabel(self.scroll_contents)
        self.title_label.setObjectName(u"title_label")

        self.contents_layout.addWidget(self.title_label)

        self.filters_layout = QHBoxLayout()
        self.filters_layout.setObjectName(u"filters_layout")
        self.date_from_label = QLabel(self.scroll_contents)
        self.date_from_label.setObjectName(u"date_from_label")

        self.filters_layout.addWidget(self.date_from_label)

        self.date_from_edit = QDateEdit(self.scroll_contents)
        self.date_from_edit.setObjectName(u"date_from_edit")
        self.date_from_edit.setCalendarPopup(True)

        self.filters_layout.addWidget(self.date_from_edit)

        self.date_to_label = QLabel(self.scroll_contents)
        self.date_to_label.setObjectName(u"date_to_label")

        self.filters_layout.addWidget(self.date_to_label)

        self.date_to_edit = QDateEdit(self.scroll_contents)
        self.date_to_edit.setObjectName(u"date_to_edit")
        self.date_to_edit.setCalendarPopup(True)

        self.filters_layout.addWidget(self.date_to_edit)

        self.territory_label = QLabel(self.scroll_contents)
        self.territory_label.setObjectName(u"territory_label")

        self.filters_layout.addWidget(self.territory_label)

        self.territory_combo = QComboBox(self.scroll_contents)
        self.territory_combo.setObjectName(u"territory_combo")

        self.filters_layout.addWidget(self.territory_combo)

        self.refresh_button = QPushButton(self.scroll_contents)
        self.refresh_button.setObjectName(u"refresh_button")

        self.filters_layout.addWidget(self.refresh_button)

        self.filters_end_spacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filters_layout.addItem(self.filters_end_spacer)


        self.contents_layout.addLayout(self.filters_layout)

        self.actions_layout = QHBoxLayout()
        self.actions_layout.setObjectName(u"actions_layout")
        self.export_csv_button = QPushButton(self.scroll_contents)
        self.export_csv_button.setObjectName(u"export_csv_button")

        self.actions_layout.addWidget(self.export_csv_button)

        self.report_button = QPushButton(self.scroll_contents)
        self.report_button.setObjectName(u"report_button")

        self.actions_layout.addWidget(self.report_button)

        self.filters_spacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actions_layout.addItem(self.filters_spacer)


        self.contents_layout.addLayout(self.actions_layout)

        self.progress_layout = QHBoxLayout()
        self.progress_layout.setObjectName(u"progress_layout")
        self.status_label = QLabel(self.scroll_contents)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)

        self.progress_layout.addWidget(self.status_label)

        self.progress_bar = QProgressBar(self.scroll_contents)
        self.progress_bar.setObjectName(u"progress_bar")

        self.progress_layout.addWidget(self.progress_bar)

        self.cancel_button = QPushButton(self.scroll_contents)
        self.cancel_button.setObjectName(u"cancel_button")

        self.progress_layout.addWidget(self.cancel_button)


        self.contents_layout.addLayout(self.progress_layout)

        self.figures_layout = QHBoxLayout()
        self.figures_layout.setObjectName(u"figures_layout")
        self.cohort_value_box = QVBoxLayout()
        self.cohort_value_box.setObjectName(u"cohort_value_box")
        self.cohort_value = QLabel(self.scroll_contents)
        self.cohort_value.setObjectName(u"cohort_value")

        self.cohort_value_box.addWidget(self.cohort_value)

        self.cohort_caption = QLabel(self.scroll_contents)
        self.cohort_caption.setObjectName(u"cohort_caption")
        self.cohort_caption.setWordWrap(True)

        self.cohort_value_box.addWidget(self.cohort_caption)


        self.figures_layout.addLayout(self.cohort_value_box)

        self.adults_value_box = QVBoxLayout()
        self.adults_value_box.setObjectName(u"adults_value_box")
        self.adults_value = QLabel(self.scroll_contents)
        self.adults_value.setObjectName(u"adults_value")

        self.adults_value_box.addWidget(self.adults_value)

        self.adults_caption = QLabel(self.scroll_contents)
        self.adults_caption.setObjectName(u"adults_caption")
        self.adults_caption.setWordWrap(True)

        self.adults_value_box.addWidget(self.adults_caption)


        self.figures_layout.addLayout(self.adults_value_box)

        self.proposed_value_box = QVBoxLayout()
        self.proposed_value_box.setObjectName(u"proposed_value_box")
        self.proposed_value = QLabel(self.scroll_contents)
        self.proposed_value.setObjectName(u"proposed_value")

        self.proposed_value_box.addWidget(self.proposed_value)

        self.proposed_caption = QLabel(self.scroll_contents)
        self.proposed_caption.setObjectName(u"proposed_caption")
        self.proposed_caption.setWordWrap(True)

        self.proposed_value_box.addWidget(self.proposed_caption)


        self.figures_layout.addLayout(self.proposed_value_box)

        self.accepted_value_box = QVBoxLayout()
        self.accepted_value_box.setObjectName(u"accepted_value_box")
        self.accepted_value = QLabel(self.scroll_contents)
        self.accepted_value.setObjectName(u"accepted_value")

        self.accepted_value_box.addWidget(self.accepted_value)

        self.accepted_caption = QLabel(self.scroll_contents)
        self.accepted_caption.setObjectName(u"accepted_caption")
        self.accepted_caption.setWordWrap(True)

        self.accepted_value_box.addWidget(self.accepted_caption)


        self.figures_layout.addLayout(self.accepted_value_box)


        self.contents_layout.addLayout(self.figures_layout)

        self.definition_label = QLabel(self.scroll_contents)
        self.definition_label.setObjectName(u"definition_label")
        self.definition_label.setWordWrap(True)

        self.contents_layout.addWidget(self.definition_label)

        self.charts_layout = QGridLayout()
        self.charts_layout.setObjectName(u"charts_layout")
        self.territory_box = QGroupBox(self.scroll_contents)
        self.territory_box.setObjectName(u"territory_box")
        self.territory_chart_layout = QVBoxLayout(self.territory_box)
        self.territory_chart_layout.setObjectName(u"territory_chart_layout")

        self.charts_layout.addWidget(self.territory_box, 0, 0, 1, 1)

        self.sources_box = QGroupBox(self.scroll_contents)
        self.sources_box.setObjectName(u"sources_box")
        self.sources_chart_layout = QVBoxLayout(self.sources_box)
        self.sources_chart_layout.setObjectName(u"sources_chart_layout")

        self.charts_layout.addWidget(self.sources_box, 0, 1, 1, 1)

        self.solutions_box = QGroupBox(self.scroll_contents)
        self.solutions_box.setObjectName(u"solutions_box")
        self.solutions_chart_layout = QVBoxLayout(self.solutions_box)
        self.solutions_chart_layout.setObjectName(u"solutions_chart_layout")

        self.charts_layout.addWidget(self.solutions_box, 1, 0, 1, 1)

        self.outcomes_box = QGroupBox(self.scroll_contents)
        self.outcomes_box.setObjectName(u"outcomes_box")
        self.outcomes_chart_layout = QVBoxLayout(self.outcomes_box)
        self.outcomes_chart_layout.setObjectName(u"outcomes_chart_layout")

        self.charts_layout.addWidget(self.outcomes_box, 1, 1, 1, 1)

        self.caseload_box = QGroupBox(self.scroll_contents)
        self.caseload_box.setObjectName(u"caseload_box")
        self.caseload_layout = QVBoxLayout(self.caseload_box)
        self.caseload_layout.setObjectName(u"caseload_layout")
        self.caseload_table = QTableView(self.caseload_box)
        self.caseload_table.setObjectName(u"caseload_table")
        self.caseload_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.caseload_table.setAlternatingRowColors(True)
        self.caseload_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.caseload_table.setMinimumSize(QSize(0, 220))

        self.caseload_layout.addWidget(self.caseload_table)


        self.charts_layout.addWidget(self.caseload_box, 2, 0, 1, 2)


        self.contents_layout.addLayout(self.charts_layout)

        self.scroll_area.setWidget(self.scroll_contents)

        self.page_layout.addWidget(self.scroll_area)

#if QT_CONFIG(shortcut)
        self.date_from_label.setBuddy(self.date_from_edit)
        self.date_to_label.setBuddy(self.date_to_edit)
        self.territory_label.setBuddy(self.territory_combo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IndicatorsPage)

        QMetaObject.connectSlotsByName(IndicatorsPage)
    # setupUi

    def retranslateUi(self, IndicatorsPage):
        IndicatorsPage.setWindowTitle(QCoreApplication.translate("IndicatorsPage", u"Indicateurs", None))
        self.title_label.setText(QCoreApplication.translate("IndicatorsPage", u"Indicateurs du dispositif", None))
        self.date_from_label.setText(QCoreApplication.translate("IndicatorsPage", u"&Du", None))
        self.date_from_edit.setDisplayFormat(QCoreApplication.translate("IndicatorsPage", u"dd/MM/yyyy", None))
        self.date_to_label.setText(QCoreApplication.translate("IndicatorsPage", u"&au", None))
        self.date_to_edit.setDisplayFormat(QCoreApplication.translate("IndicatorsPage", u"dd/MM/yyyy", None))
        self.territory_label.setText(QCoreApplication.translate("IndicatorsPage", u"&Territoire", None))
        self.refresh_button.setText(QCoreApplication.translate("IndicatorsPage", u"A&ctualiser", None))
        self.export_csv_button.setText(QCoreApplication.translate("IndicatorsPage", u"&Exporter en CSV\u2026", None))
        self.report_button.setText(QCoreApplication.translate("IndicatorsPage", u"&Rapport PDF\u2026", None))
        self.status_label.setText("")
        self.progress_bar.setFormat(QCoreApplication.translate("IndicatorsPage", u"%p %", None))
        self.cancel_button.setText(QCoreApplication.translate("IndicatorsPage", u"A&nnuler", None))
        self.cohort_value.setText(QCoreApplication.translate("IndicatorsPage", u"\u2014", None))
        self.cohort_caption.setText(QCoreApplication.translate("IndicatorsPage", u"jeunes accueillis", None))
        self.adults_value.setText(QCoreApplication.translate("IndicatorsPage", u"\u2014", None))
        self.adults_caption.setText(QCoreApplication.translate("IndicatorsPage", u"majeurs \u00e0 l'accueil", None))
        self.proposed_value.setText(QCoreApplication.translate("IndicatorsPage", u"\u2014", None))
        self.proposed_caption.setText(QCoreApplication.translate("IndicatorsPage", u"solutions propos\u00e9es", None))
        self.accepted_value.setText(QCoreApplication.translate("IndicatorsPage", u"\u2014", None))
        self.accepted_caption.setText(QCoreApplication.translate("IndicatorsPage", u"accept\u00e9es par le jeune", None))
        self.definition_label.setText("")
        self.territory_box.setTitle(QCoreApplication.translate("IndicatorsPage", u"Jeunes accueillis par territoire", None))
        self.sources_box.setTitle(QCoreApplication.translate("IndicatorsPage", u"Origine du rep\u00e9rage", None))
        self.solutions_box.setTitle(QCoreApplication.translate("IndicatorsPage", u"Solutions propos\u00e9es et accept\u00e9es", None))
        self.outcomes_box.setTitle(QCoreApplication.translate("IndicatorsPage", u"Situation \u00e0 3, 6 et 12 mois", None))
        self.caseload_box.setTitle(QCoreApplication.translate("IndicatorsPage", u"Suivis des r\u00e9f\u00e9rents uniques, au regard du plafond", None))
    # retranslateUi
