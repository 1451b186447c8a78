# generated from ui/about_dialog.ui — do not edit, run python -m pac_desktop.gui.build_forms
# ruff: noqa

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QHBoxLayout, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QTextBrowser, QVBoxLayout,
    QWidget)

class Ui_AboutDialog(object):
    def setupUi(self, AboutDialog):
        if not AboutDialog.objectName():
            AboutDialog.setObjectName(u"AboutDialog")
        AboutDialog.resize(640, 600)
        self.main_layout = QVBoxLayout(AboutDialog)
        self.main_layout.setSpacing(12)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(24, 20, 24, 16)
        self.header_layout = QHBoxLayout()
        self.header_layout.setSpacing(16)
        self.header_layout.setObjectName(u"header_layout")
        self.app_icon_label = QLabel(AboutDialog)
        self.app_icon_label.setObjectName(u"app_icon_label")
        self.app_icon_label.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.header_layout.addWidget(self.app_icon_label)

        self.title_layout = QVBoxLayout()
        self.title_layout.setSpacing(4)
        self.title_layout.setObjectName(u"title_layout")
        self.title_label = QLabel(AboutDialog)
        self.title_label.setObjectName(u"title_label")

        self.title_layout.addWidget(self.title_label)

        self.version_label = QLabel(AboutDialog)
        self.version_label.setObjectName(u"version_label")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.title_layout.addWidget(self.version_label)

        self.summary_label = QLabel(AboutDialog)
        self.summary_label.setObjectName(u"summary_label")
        self.summary_label.setWordWrap(True)

        self.title_layout.addWidget(self.summary_label)


        self.header_layout.addLayout(self.title_layout)


        self.main_layout.addLayout(self.header_layout)

        self.locations_layout = QFormLayout()
        self.locations_layout.setObjectName(u"locations_layout")
        self.locations_layout.setHorizontalSpacing(12)
        self.data_location_caption = QLabel(AboutDialog)
        self.data_location_caption.setObjectName(u"data_location_caption")

        self.locations_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.data_location_caption)

        self.data_location_label = QLabel(AboutDialog)
        self.data_location_label.setObjectName(u"data_location_label")
        self.data_location_label.setWordWrap(True)
        self.data_location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.locations_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.data_location_label)

        self.install_location_caption = QLabel(AboutDialog)
        self.install_location_caption.setObjectName(u"install_location_caption")

        self.locations_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.install_location_caption)

        self.install_location_label = QLabel(AboutDialog)
        self.install_location_label.setObjectName(u"install_location_label")
        self.install_location_label.setWordWrap(True)
        self.install_location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.locations_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.install_location_label)


        self.main_layout.addLayout(self.locations_layout)

        self.licences_browser = QTextBrowser(AboutDialog)
        self.licences_browser.setObjectName(u"licences_browser")
        self.licences_browser.setOpenExternalLinks(True)
        self.licences_browser.setOpenLinks(True)

        self.main_layout.addWidget(self.licences_browser)

        self.buttons_layout = QHBoxLayout()
        self.buttons_layout.setObjectName(u"buttons_layout")
        self.open_data_button = QPushButton(AboutDialog)
        self.open_data_button.setObjectName(u"open_data_button")
        self.open_data_button.setAutoDefault(False)

        self.buttons_layout.addWidget(self.open_data_button)

        self.open_licences_button = QPushButton(AboutDialog)
        self.open_licences_button.setObjectName(u"open_licences_button")
        self.open_licences_button.setAutoDefault(False)

        self.buttons_layout.addWidget(self.open_licences_button)

        self.buttons_spacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons_layout.addItem(self.buttons_spacer)

        self.button_box = QDialogButtonBox(AboutDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.buttons_layout.addWidget(self.button_box)


        self.main_layout.addLayout(self.buttons_layout)


        self.retranslateUi(AboutDialog)

        QMetaObject.connectSlotsByName(AboutDialog)
    # setupUi

    def retranslateUi(self, AboutDialog):
        AboutDialog.setWindowTitle(QCoreApplication.translate("AboutDialog", u"\u00c0 propos de PAC Desktop", None))
        self.title_label.setText(QCoreApplication.translate("AboutDialog", u"PAC Desktop \u2014 Passeport Accueil Commun", None))
        self.title_label.setProperty(u"role", QCoreApplication.translate("AboutDialog", u"title", None))
        self.summary_label.setText(QCoreApplication.translate("AboutDialog", u"Accueil commun des jeunes sortis sans qualification, suivi par un r\u00e9f\u00e9rent unique, hors connexion.", None))
        self.summary_label.setProperty(u"role", QCoreApplication.translate("AboutDialog", u"muted", None))
        self.data_location_caption.setText(QCoreApplication.translate("AboutDialog", u"Vos donn\u00e9es :", None))
        self.install_location_caption.setText(QCoreApplication.translate("AboutDialog", u"Installation :", None))
        self.open_data_button.setText(QCoreApplication.translate("AboutDialog", u"Ouvrir le dossier des donn\u00e9es", None))
        self.open_licences_button.setText(QCoreApplication.translate("AboutDialog", u"Textes des licences", None))
    # retranslateUi
