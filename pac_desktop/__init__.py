"""PAC Desktop: the Passeport Accueil Commun joint-intake and follow-up application."""

__version__ = "0.1.0"
