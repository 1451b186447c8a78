"""Vocabulary of the fictitious demo cohort (see :mod:`pac_desktop.demo`).

Every person made from these lists is fictitious: first and last names are drawn independently, addresses
are street names without a real match, phone numbers use the ranges the ARCEP keeps for fiction.
The lists are long enough that 100,000 youths rarely share both names and a birth date.
"""

from __future__ import annotations

# Youths' first names: born 2004-2011 in the South-West, with the diversity of Toulouse's quartiers.
FEMALE_FIRST_NAMES: tuple[str, ...] = (
    "Léa", "Chloé", "Emma", "Manon", "Inès", "Camille", "Sarah", "Jade", "Lina", "Louise", "Zoé", "Clara",
    "Lucie", "Anaïs", "Océane", "Maëlys", "Noémie", "Justine", "Marine", "Laura", "Julie", "Pauline",
    "Mathilde", "Élise", "Éléa", "Ambre", "Romane", "Juliette", "Alice", "Agathe", "Margaux", "Léna", "Lola",
    "Louna", "Maëva", "Mélissa", "Morgane", "Amandine", "Charlotte", "Célia", "Elsa", "Estelle", "Eva", "Fanny",
    "Héloïse", "Jeanne", "Laurine", "Lou", "Lily", "Lisa", "Loane", "Luna", "Maëlle", "Marie-Lou", "Anne-Sophie",
    "Marie-Ange", "Mélanie", "Nina", "Noélie", "Nour", "Rose", "Salomé", "Sofia", "Yasmine", "Yasmina", "Aïcha",
    "Amira", "Asma", "Assia", "Aya", "Djeneba", "Fatoumata", "Fatima", "Hawa", "Imane", "Kadiatou", "Khadija",
    "Leïla", "Lilou", "Malak", "Maryam", "Meriem", "Myriam", "Nadia", "Naïma", "Nawel", "Rania", "Rim", "Safia",
    "Samia", "Sana", "Selma", "Sirine", "Soumaya", "Wassila", "Zineb", "Zohra", "Aminata", "Awa", "Binta",
    "Coumba", "Mariama", "Oumou", "Ramatoulaye", "Ana", "Beatriz", "Carla", "Catarina", "Joana", "Mariana",
    "Rita", "Tânia", "Alba", "Carmen", "Lucía", "Paula", "Elena", "Giulia", "Chiara", "Francesca", "Linh", "Mai",
    "Thu", "Lan", "Anh", "Ngoc", "Elif", "Zeynep", "Ayşe", "Büşra", "Anaëlle", "Gwenaëlle", "Maïwenn",
    "Solène", "Clémence", "Cléa", "Capucine", "Apolline", "Bérénice", "Coralie", "Cassandra", "Cindy", "Jessica",
    "Kelly", "Kimberley", "Lætitia", "Maud", "Mégane", "Ophélie", "Perrine", "Priscilla", "Sabrina", "Sophie",
    "Tiphaine", "Victoria", "Wendy", "Émilie", "Éloïse", "Ève", "Ilona", "Inaya", "Jasmine", "Kenza", "Lana",
    "Lyna", "Maya", "Naomi", "Nora", "Shaïna", "Thaïs", "Victoire", "Yara", "Alicia", "Amélie", "Angèle",
    "Anouk", "Ariane", "Aurore", "Axelle", "Candice", "Cécile", "Chaïma", "Chayma", "Dounia", "Emy", "Enora",
    "Faustine", "Flavie", "Gabrielle", "Hanna", "Hajar", "Ines", "Iris", "Jennifer", "Jordane", "Kahina",
    "Kaïna", "Laly", "Lauryne", "Léonie", "Lilia", "Lise", "Loïs", "Lorena", "Ludivine", "Madeleine", "Maëline",
    "Marie-Claire", "Marina", "Marwa", "Mathilda", "Maylis", "Mélina", "Mila", "Mona", "Nahia", "Nélia", "Noa",
    "Noémi", "Olivia", "Orlane", "Pénélope", "Philippine", "Rachel", "Rebecca", "Sabine", "Sakina", "Samira",
    "Sarah-Lou", "Shirel", "Sixtine", "Soraya", "Tessa", "Valentine", "Vanessa", "Yousra", "Zélie", "Zoë",
)

MALE_FIRST_NAMES: tuple[str, ...] = (
    "Lucas", "Hugo", "Théo", "Nathan", "Enzo", "Louis", "Mathis", "Tom", "Noah", "Léo", "Gabriel", "Jules",
    "Raphaël", "Arthur", "Maxime", "Thomas", "Clément", "Alexandre", "Antoine", "Baptiste", "Jean-Baptiste",
    "Pierre-Louis", "Noël", "Benjamin", "Bastien", "Corentin", "Dylan", "Evan", "Florian", "Kévin", "Kylian",
    "Loïc", "Lorenzo", "Mathéo", "Maël", "Nolan", "Quentin", "Rayan", "Romain", "Sacha", "Samuel", "Timothée",
    "Valentin", "Victor", "Yanis", "Yann", "Yoann", "Adam", "Amine", "Anis", "Ayoub", "Bilal", "Ilyès", "Imran",
    "Ismaël", "Karim", "Mehdi", "Mohamed", "Mohammed", "Moussa", "Nassim", "Rachid", "Riyad", "Samir", "Sofiane",
    "Walid", "Yacine", "Youssef", "Zakaria", "Ibrahim", "Idrissa", "Mamadou", "Ousmane", "Seydou", "Souleymane",
    "Abdoulaye", "Boubacar", "Cheikh", "Modibo", "João", "Tiago", "Rúben", "Diogo", "Gonçalo", "Rodrigo",
    "Pedro", "Miguel", "Nuno", "Álvaro", "Javier", "Sergio", "Pablo", "Marco", "Luca", "Matteo", "Davide",
    "Minh", "Duc", "Huy", "Long", "Quang", "Emre", "Mert", "Kerem", "Baran", "Arda", "Aurélien", "Cédric",
    "Damien", "Dorian", "Erwan", "Esteban", "Éthan", "Félix", "Gaël", "Gaëtan", "Grégoire", "Ilan", "Jason",
    "Jordan", "Joris", "Julien", "Kelyan", "Killian", "Lenny", "Lilian", "Logan", "Malo", "Marius", "Martin",
    "Mattéo", "Maxence", "Nicolas", "Noa", "Paul", "Robin", "Ruben", "Sami", "Simon", "Teddy", "Tristan", "Ugo",
    "Vincent", "Wassim", "Younès", "Zacharie", "Adrien", "Alexis", "Anthony", "Axel", "Benoît", "Bryan",
    "Christopher", "Côme", "Cyprien", "Dimitri", "Élie", "Éliott", "Émile", "Étienne", "François", "Gabin",
    "Guillaume", "Hamza", "Hicham", "Issa", "Kenzo", "Léon", "Léandre", "Mathias", "Nabil", "Naël", "Oscar",
    "Owen", "Rémi", "Sandro", "Soan", "Tanguy", "Thibault", "Titouan", "Tony", "Wael", "Yohan", "Zinedine",
    "Abdel", "Achille", "Aimé", "Alban", "Aldric", "Amaury", "Anas", "Andréa", "Armand", "Arnaud", "Augustin",
    "Aymeric", "Bakary", "Brahim", "Calvin", "Charly", "Cyril", "Daouda", "Djibril", "Driss", "Edgar", "Eliès",
    "Enzo-Paul", "Fabio", "Farès", "Gaspard", "Hassan", "Hédi", "Ibrahima", "Isaac", "Jean-Noël", "Jérémy",
    "Joachim", "Jonathan", "Kaïs", "Kamel", "Lassana", "Liam", "Lyes", "Malik", "Marc-Antoine", "Mathéis",
    "Mathys", "Milan", "Mounir", "Nathanaël", "Nils", "Omar", "Pacôme", "Rafael", "Reda", "Salim", "Sébastien",
    "Tahar", "Thiago", "Timéo", "Yassine", "Yliès", "Zyad",
)

# Staff: grown-ups born 1965-1995.
STAFF_FEMALE_FIRST_NAMES: tuple[str, ...] = (
    "Nathalie", "Sandrine", "Isabelle", "Stéphanie", "Céline", "Virginie", "Sophie", "Valérie", "Sylvie",
    "Karine", "Delphine", "Aurélie", "Émilie", "Hélène", "Christine", "Véronique", "Florence", "Corinne",
    "Laurence", "Agnès", "Béatrice", "Muriel", "Patricia", "Séverine", "Magali", "Élodie", "Audrey", "Caroline",
    "Anne", "Marion", "Claire", "Nadia", "Samira", "Fatiha", "Malika", "Anne-Laure", "Marie-Hélène", "Géraldine",
    "Josiane", "Ghislaine", "Françoise", "Odile", "Cathy", "Soraya", "Leïla", "Carole", "Estelle", "Gaëlle",
)
STAFF_MALE_FIRST_NAMES: tuple[str, ...] = (
    "Stéphane", "Laurent", "Christophe", "Frédéric", "Olivier", "Sébastien", "Nicolas", "Julien", "Jérôme",
    "David", "Philippe", "Éric", "Thierry", "Patrick", "Pascal", "Franck", "Arnaud", "Vincent", "Cédric",
    "Fabrice", "Grégory", "Mickaël", "Yannick", "Rachid", "Karim", "Mourad", "Hervé", "Didier", "Bruno",
    "Gilles", "Jean-Luc", "Jean-François", "Pierre-Yves", "Marc-Antoine", "José", "Manuel", "Benoît", "Raphaël",
    "Jean-Noël", "Loïc", "Régis", "Sylvain", "Abdelkader", "Mamadou", "Joël",
)

LAST_NAMES: tuple[str, ...] = (
    # Common French names
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
    "Laurent", "Lefèbvre", "Michel", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard",
    "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Legrand", "Garnier", "Faure",
    "Rousseau", "Blanc", "Guérin", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément",
    "Gauthier", "Dumont", "Fontaine", "Chevalier", "Robin", "Masson", "Gérard", "Boyer", "Denis", "Lemaire",
    "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy", "Noël", "Lucas", "Meunier", "Jean", "Marchand",
    "Dufour", "Blanchard", "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Leroux", "Colin", "Pierre", "Renard",
    "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine",
    "Picard", "Gaillard", "Philippe", "Leclercq", "Lacroix", "Fabre", "Dupuis", "Olivier", "Hubert", "Louis",
    "Charles", "Guillot", "Rivière", "Guillaume", "Adam", "Rey", "Moulin", "Berger", "Lecomte", "Ménard",
    "Fleury", "Deschamps", "Carpentier", "Julien", "Benoît", "Paris", "Maillard", "Marchal", "Aubry",
    "Vasseur", "Renault", "Jacquet", "Collet", "Prévost", "Poirier", "Charpentier", "Royer", "Huet", "Baron",
    "Dupuy", "Pons", "Paul", "Lainé", "Carré", "Breton", "Rémy", "Perrot", "Guyot", "Barré", "Marty", "Cousin",
    "Bouvier", "Besson", "Hamon", "Lebrun", "Leblanc", "Chauvin", "Texier", "Lebon", "Mallet", "Bouchet",
    "Tessier", "Vallée", "Bailly", "Gilbert", "Germain", "Hervé", "Hoarau", "Payet", "Grondin", "Jacob", "Klein",
    "Bertin", "Lejeune", "Collin", "Rousset", "Benard", "Lefort", "Cordier", "Humbert", "Étienne", "Pelletier",
    "Bérenger", "Séguin", "Hérault", "Fabrègue", "Gauthé", "Chéron", "Lévêque", "Pagès", "Boulanger", "Bouquet",
    "Charrier", "Delmas", "Desbois", "Ferrand", "Gibert", "Granier", "Jourdan", "Labbé", "Maréchal", "Millet",
    "Monnier", "Mounier", "Parent", "Poulain", "Raynaud", "Sabatier", "Thibault", "Vaillant", "Verdier",
    # The South-West: Occitan, Gascon and Pyrenean names
    "Castex", "Cazeneuve", "Lafitte", "Laborde", "Lacoste", "Lafont", "Lagarde", "Larrieu", "Lasserre",
    "Dubarry", "Daguerre", "Bordes", "Capdevielle", "Cazaux", "Couderc", "Delpech", "Espinasse", "Fauré",
    "Labat", "Lacaze", "Lamarque", "Lapeyre", "Larroque", "Lascombes", "Loubet", "Marrot", "Pujol", "Puig",
    "Rouquette", "Salles", "Sarrat", "Soulé", "Tarbouriech", "Teulière", "Vergé", "Bergès", "Baqué", "Abadie",
    "Barrère", "Cazenave", "Duffaut", "Estrade", "Fourcade", "Laffont", "Lassalle", "Marqué", "Caussade",
    "Dabadie", "Domec", "Laporte", "Pédebernade", "Bonnefous", "Carrère", "Cassagne", "Courtade", "Crampe",
    "Duthil", "Escudé", "Fontan", "Galy", "Gouzy", "Lacassagne", "Lagrange", "Lapujade", "Latapie", "Lavigne",
    "Marcadal", "Massat", "Montaut", "Mouchet", "Navarre", "Pédarré", "Peyrat", "Pouey", "Rességuier",
    "Rougé", "Sajous", "Sempé", "Souquet", "Trouilh", "Verdalle", "Anglade", "Bascou", "Bessière", "Bousquet",
    "Calvet", "Cammas", "Castagné", "Combes", "Delrieu", "Falguière", "Fourtanier", "Gaubert", "Izard",
    "Malet", "Maury", "Molinier", "Pradel", "Rieux", "Sicard", "Tournié", "Viguier",
    # Spanish and Catalan
    "Garcia", "Martinez", "Lopez", "Sanchez", "Fernandez", "Gonzalez", "Rodriguez", "Perez", "Gómez",
    "Jiménez", "Ruiz", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro", "Torres", "Domínguez",
    "Vázquez", "Ramos", "Gil", "Serrano", "Blanco", "Molina", "Ortega", "Castillo", "Ortiz", "Rubio", "Marín",
    "Sanz", "Iglesias", "Núñez", "Medina", "Garrido", "Cortés", "Castro", "Ibáñez", "Ferrer", "Vila", "Soler",
    "Roig", "Font", "Casals",
    # Portuguese
    "Da Silva", "Dos Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa",
    "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves", "Almeida", "Ribeiro", "Pinto", "Carvalho",
    "Teixeira", "Moreira", "Correia", "Mendes", "Nunes", "Soares", "Vieira", "Monteiro", "Cardoso", "Rocha",
    "Coelho", "Cunha", "De Sousa", "Da Costa", "D'Almeida", "Magalhães", "Araújo", "Fonseca",
    # Maghreb
    "Benali", "Benaïssa", "Belkacem", "Bouzid", "Boumediene", "Chérif", "Djebbar", "Haddad", "Hamidi", "Kaci",
    "Khelifi", "Mansouri", "Meziane", "Saïdi", "Ziani", "Amrani", "Belhadj", "Benamar", "Bensaïd", "Bouaziz",
    "Brahimi", "Chaouch", "El Amrani", "El Idrissi", "Ferhat", "Guerfi", "Hamdi", "Kaddour", "Lahlou",
    "Laribi", "Mahjoub", "Messaoudi", "Mokhtari", "Nasri", "Ouali", "Rahmani", "Slimani", "Taleb", "Yahiaoui",
    "Zerrouki", "Aït Ahmed", "Aït Ali", "Ben Youssef", "Bennani", "Berrada", "Chraïbi", "El Fassi", "Tazi",
    "Alaoui", "Benjelloun", "Boukhari", "Cherkaoui", "Ouazzani", "Touati", "Hadj", "Hamadi", "Belaïd",
    "Abdelli", "Achour", "Aouadi", "Bachiri", "Belarbi", "Bouchama", "Boudjema", "Chabane", "Dahmani",
    "Djellouli", "Gharbi", "Hachemi", "Jaziri", "Kherbache", "Larbi", "Madani", "Mebarki", "Naceri", "Ouchène",
    "Saadi", "Sahraoui", "Tebboune", "Zaoui",
    # West and Central Africa
    "N'Diaye", "Diallo", "Traoré", "Touré", "Diop", "Sow", "Camara", "Keïta", "Coulibaly", "Konaté", "Cissé",
    "Sylla", "Bah", "Barry", "Kanté", "Fofana", "Doumbia", "Sangaré", "Sissoko", "Diarra", "Dembélé", "Koné",
    "Ba", "Fall", "Gueye", "Mbaye", "Sarr", "Faye", "Thiam", "Kouassi", "Kouadio", "Yao", "Konan", "N'Guessan",
    "Mendy", "Gomis", "Sané", "N'Goma", "M'Bemba", "Makosso", "Mabiala", "Nsimba", "Tshibanda", "Ilunga",
    "Kabongo", "Mukendi",
    # Vietnam, Turkey, Armenia, Italy, Poland, Germany, Brittany
    "Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo", "Duong", "Ly", "Yilmaz",
    "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Öztürk", "Arslan", "Doğan", "Kılıç", "Karapetian",
    "Petrossian", "Manoukian", "Sarkissian", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano",
    "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Giordano", "Rizzo",
    "Lombardi", "Moretti", "D'Angelo", "Dell'Aquila", "Kowalski", "Nowak", "Wiśniewski", "Lewandowski",
    "Müller", "Schmitt", "Schneider", "Weber", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Wolff",
    "Zimmermann", "Krüger", "Le Goff", "Le Bihan", "Le Floch", "Le Guen", "Le Corre", "Le Meur", "Kerbrat",
    "Quéré", "Tanguy", "Le Bris", "Le Gall", "Le Roux",
)

# Towns of each territory: (town, postcode, relative weight, lives in a priority area (QPV) sometimes).
TOWNS: dict[str, tuple[tuple[str, str, int, bool], ...]] = {
    "ariege": (
        ("Foix", "09000", 10, False), ("Pamiers", "09100", 14, False), ("Saint-Girons", "09200", 9, False),
        ("Lavelanet", "09300", 7, False), ("Saverdun", "09700", 4, False), ("Mazères", "09270", 3, False),
        ("Tarascon-sur-Ariège", "09400", 4, False), ("Mirepoix", "09500", 3, False),
        ("Varilhes", "09120", 3, False), ("Ax-les-Thermes", "09110", 2, False),
        ("La Bastide-de-Sérou", "09240", 1, False), ("Le Mas-d'Azil", "09290", 1, False),
        ("Massat", "09320", 1, False), ("Castillon-en-Couserans", "09800", 1, False),
        ("Laroque-d'Olmes", "09600", 2, False), ("Lézat-sur-Lèze", "09210", 1, False), ("Seix", "09140", 1, False),
        ("Saint-Lizier", "09190", 1, False), ("Verniolle", "09340", 2, False), ("Montgaillard", "09330", 1, False),
    ),
    "tarbes": (
        ("Tarbes", "65000", 30, True), ("Lourdes", "65100", 10, True), ("Séméac", "65600", 3, False),
        ("Aureilhan", "65800", 5, False), ("Bordères-sur-l'Échez", "65320", 3, False), ("Ibos", "65420", 2, False),
        ("Juillan", "65290", 2, False), ("Vic-en-Bigorre", "65500", 3, False),
        ("Bagnères-de-Bigorre", "65200", 4, False), ("Laloubère", "65310", 1, False), ("Soues", "65430", 1, False),
        ("Ossun", "65380", 1, False), ("Lannemezan", "65300", 3, False), ("Maubourguet", "65700", 1, False),
    ),
    "toulouse-mirail": (
        ("Toulouse", "31100", 60, True), ("Colomiers", "31770", 10, True), ("Tournefeuille", "31170", 5, False),
        ("Cugnaux", "31270", 5, False), ("Villeneuve-Tolosane", "31270", 2, False), ("Portet-sur-Garonne", "31120", 2, False),
    ),
    "toulouse-nord": (
        ("Toulouse", "31200", 60, True), ("L'Union", "31240", 6, False), ("Aucamville", "31140", 6, True),
        ("Fenouillet", "31150", 4, False), ("Launaguet", "31140", 3, False), ("Saint-Alban", "31140", 2, False),
    ),
}

# Quartiers named in the address line in the big towns (the QPV of the Contrat de ville).
QUARTIERS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Toulouse", "31100"): (
        "Reynerie", "Bellefontaine", "Mirail-Université", "Bagatelle", "La Faourette", "Papus", "Tabar",
        "Bordelongue", "Lafourguette", "Basso-Cambo",
    ),
    ("Toulouse", "31200"): (
        "Les Izards", "Trois-Cocus", "Borderouge", "Barrière de Paris", "Les Minimes", "Lalande", "Sept-Deniers",
        "Croix-Daurade", "Ginestous", "La Vache",
    ),
    ("Tarbes", "65000"): ("Laubadère", "Mouysset", "Bel-Air", "Solazur", "Ormeau-Figarol"),
    ("Lourdes", "65100"): ("L'Ophite", "Astazou"),
    ("Colomiers", "31770"): ("Val d'Aran", "En Jacca", "Le Seycheron"),
}

STREETS: tuple[str, ...] = (
    "rue des Lilas", "allée des Tilleuls", "rue du Moulin", "chemin des Vignes", "avenue des Platanes",
    "rue de la Fontaine", "place du Marché", "impasse des Mésanges", "rue des Écoles", "allée des Peupliers",
    "rue du Stade", "chemin de la Garenne", "rue des Jardins", "avenue de la Gare", "rue Pasteur",
    "rue Jean-Jaurès", "rue Victor-Hugo", "allée Jules-Verne", "rue des Acacias", "rue du Pont-Vieux",
    "chemin du Ruisseau", "rue des Cerisiers", "résidence Les Érables", "résidence du Parc", "rue de l'Église",
    "allée des Chênes", "rue des Roses", "avenue du Général-Leclerc", "rue d'Occitanie", "rue des Pyrénées",
    "chemin de Peyrolles", "rue du Lavoir", "allée des Coquelicots", "rue de la Poste", "cité des Capucins",
    "rue Émile-Zola", "rue Louise-Michel", "rue Olympe-de-Gouges", "allée Camille-Claudel", "rue de la Paix",
)

FAMILY_RELATIONSHIPS: tuple[str, ...] = (
    "mère", "mère", "mère", "père", "père", "grand-mère", "tante", "oncle", "frère aîné", "sœur aînée",
    "beau-père", "éducatrice du foyer",
)
GUARDIAN_RELATIONSHIPS: tuple[str, ...] = ("mère", "mère", "mère", "père", "père", "tutrice", "grand-mère")

LAST_CLASSES: tuple[str, ...] = (
    "3e", "3e", "3e SEGPA", "4e", "2nde générale", "2nde professionnelle", "2nde professionnelle",
    "1re professionnelle", "CAP 1re année", "CAP 1re année", "CAP 2e année", "Terminale professionnelle",
    "1re générale", "Terminale générale", "ULIS", "CAP agricole",
)
NEWLY_ARRIVED_CLASSES: tuple[str, ...] = ("UPE2A", "UPE2A", "3e", "Aucune scolarité en France")

REFERRER_ROLES: dict[str, tuple[str, ...]] = {
    "cio": ("psychologue de l'Éducation nationale", "directrice du CIO", "conseiller d'orientation"),
    "mission_locale": ("conseillère en insertion", "chargé d'accueil", "conseiller emploi"),
    "mgi": ("coordonnatrice MGI", "conseiller technique d'insertion"),
    "school": ("CPE", "professeur principal", "assistante sociale scolaire", "infirmière scolaire", "proviseur adjoint"),
    "pjj": ("éducatrice PJJ", "éducateur PJJ"),
    "youth_welcome_point": ("animateur", "animatrice", "coordinateur jeunesse"),
    "private_school": ("directeur adjoint", "formatrice référente"),
    "educational_watch": ("coordinatrice de la veille éducative", "médiateur"),
}

REFERRAL_NOTES: dict[str, tuple[str, ...]] = {
    "cio": (
        "Repéré lors de l'entretien de situation au CIO après la rentrée.",
        "Signalé par le lycée de secteur : absent depuis plusieurs semaines, sans réinscription.",
        "Venu au CIO avec sa mère pour chercher une formation.",
    ),
    "mission_locale": (
        "Venu s'inscrire à la Mission Locale ; sorti du lycée il y a quelques mois.",
        "Orienté par l'accueil de l'antenne après un atelier emploi.",
    ),
    "mgi": ("Liste des élèves sans solution transmise par la MGI.", "Repéré par la plateforme de suivi des décrocheurs."),
    "school": (
        "Démission de l'établissement en cours d'année ; la CPE a gardé le contact.",
        "Non réinscrit à la rentrée ; le professeur principal a prévenu le CIO.",
    ),
    "pjj": ("Mesure éducative en cours ; l'éducatrice souhaite un accueil commun.",),
    "youth_welcome_point": ("Fréquente le point d'accueil jeunes du quartier ; l'animateur l'a accompagné.",),
    "private_school": ("Rupture de contrat en établissement privé ; orienté vers le dispositif.",),
    "educational_watch": ("Situation évoquée en cellule de veille éducative du quartier.",),
    "family": ("La famille a appelé le CIO, inquiète de le voir sans activité.",),
    "self": ("Venu de lui-même après en avoir entendu parler par un ami.",),
}

ANALYSIS_NOTES: dict[str, tuple[str, ...]] = {
    "schooling": (
        "Scolarité difficile depuis la 4e, nombreuses absences. A quitté le lycée en cours d'année sans diplôme.",
        "Orientation en CAP subie ; a décroché au deuxième trimestre. Garde un bon souvenir de l'atelier.",
        "Bonne élève jusqu'en 3e, puis décrochage après un changement d'établissement.",
        "Redoublement en 2nde, puis abandon. Exprime un rejet de la classe mais pas des apprentissages.",
        "Arrivé en France il y a deux ans ; a suivi une UPE2A puis une 3e sans obtenir le brevet.",
        "Exclu définitivement du lycée ; pas de réaffectation proposée depuis.",
    ),
    "basic_skills": (
        "Lecture et écriture correctes ; difficultés en calcul (pourcentages, fractions).",
        "Compréhension orale bonne, écrit fragile : un positionnement est à prévoir.",
        "Savoirs de base acquis ; à l'aise avec l'ordinateur et le téléphone.",
        "Français en cours d'acquisition (niveau A2 estimé) ; très motivé pour progresser.",
    ),
    "professional_project": (
        "Souhaite travailler dans la mécanique automobile ; a fait un stage de 3e dans un garage.",
        "Intéressée par les métiers de la petite enfance ; veut d'abord découvrir le terrain.",
        "Pas de projet précis ; attiré par la cuisine et la vente.",
        "Veut reprendre un CAP coiffure, en apprentissage de préférence.",
        "Projet dans le bâtiment (électricité) ; cherche un employeur pour l'apprentissage.",
        "Aimerait s'engager dans l'armée ou les pompiers ; s'informe sur le service civique.",
        "Hésite entre l'aide à la personne et la logistique ; une immersion l'aiderait à choisir.",
    ),
    "family": (
        "Vit chez sa mère avec deux frères et sœurs ; la famille soutient la démarche.",
        "Relations tendues avec le père ; hébergé chez une tante depuis quelques mois.",
        "Famille présente et inquiète ; la mère est venue à l'accueil.",
        "Placé en foyer depuis l'an dernier ; l'éducatrice suit la situation.",
    ),
    "housing": (
        "Logé chez ses parents, sans difficulté particulière.",
        "Hébergement précaire chez des amis ; une demande en foyer de jeunes travailleurs est envisagée.",
        "Vit en logement social avec sa famille, dans le quartier.",
    ),
    "health": (
        "Pas de problème de santé signalé ; couverture maladie à vérifier.",
        "Suivi par un médecin pour des troubles du sommeil ; souhaite un rendez-vous à la maison des adolescents.",
        "Reconnaissance de handicap en cours (dossier MDPH déposé).",
    ),
    "mobility": (
        "Pas de permis ; dépend des bus, rares le soir dans sa commune.",
        "A un vélo et une carte de bus ; mobile sur l'agglomération.",
        "Souhaite passer le code ; aucune solution de transport pour les horaires décalés.",
    ),
    "resources": (
        "Aucune ressource propre ; dépend de sa famille.",
        "Petits travaux saisonniers l'été dernier ; pas de compte bancaire à son nom.",
        "Pourrait prétendre au Contrat d'engagement jeune : à instruire avec la Mission Locale.",
    ),
    "justice": (
        "Mesure de réparation en cours, suivie par la PJJ.",
        "Pas de situation judiciaire.",
    ),
    "barriers": (
        "Manque de confiance en soi ; se décourage vite face aux refus.",
        "Horaires de sommeil décalés, difficulté à tenir des rendez-vous le matin.",
        "Démarches administratives en retard (carte d'identité expirée).",
    ),
    "strengths": (
        "Souriant, à l'aise à l'oral ; sait ce qu'il ne veut plus.",
        "Très manuel, persévérant quand il est intéressé.",
        "Bon réseau familial ; un oncle artisan prêt à l'accueillir en stage.",
        "Curieuse, volontaire, ponctuelle à tous les rendez-vous depuis le repérage.",
        "Pratique le football en club depuis des années : esprit d'équipe.",
    ),
}

DIAGNOSIS_OPENINGS: tuple[str, ...] = (
    "Jeune motivé pour reprendre une formation rapidement",
    "Jeune encore indécis, qui a besoin de découvrir des métiers avant de choisir",
    "Jeune éloigné de l'école depuis plusieurs mois, à remobiliser progressivement",
    "Jeune avec un projet clair, freiné par des difficultés pratiques",
    "Jeune nouvellement arrivé, dont la priorité est la maîtrise du français",
)
DIAGNOSIS_NEEDS: tuple[str, ...] = (
    "un accompagnement vers l'apprentissage avec une recherche d'employeur",
    "une immersion en entreprise pour confirmer le projet",
    "un retour en formation initiale préparé avec le CIO",
    "un module de la MGI pour reprendre un rythme et consolider les savoirs de base",
    "une aide à la mobilité et aux démarches administratives",
    "un bilan d'orientation avant toute décision",
)
DIAGNOSIS_CLOSINGS: tuple[str, ...] = (
    "Les trois partenaires partagent ce constat ; le jeune est d'accord.",
    "Diagnostic relu avec le jeune et sa famille, qui y adhèrent.",
    "Le jeune valide le diagnostic et s'engage sur les prochaines étapes.",
)

FREE_TEXT_SOLUTIONS: tuple[tuple[str, str], ...] = (
    ("Stage de découverte chez un artisan du quartier, trouvé par la famille", "job_search"),
    ("Inscription au club de boxe de la commune pour reprendre un rythme", "citizenship"),
    ("Rendez-vous avec l'assistante sociale du secteur pour les démarches de logement", "housing"),
    ("Accompagnement vers le permis AM (cyclomoteur) avec l'auto-école sociale", "mobility"),
)

CANCEL_REASONS: tuple[str, ...] = (
    "Le jeune a signé un contrat d'apprentissage avant la date de l'accueil.",
    "La famille a déménagé hors du territoire.",
    "Le jeune a été réaffecté dans un lycée par la procédure académique.",
    "Le jeune ne souhaite plus être accompagné pour le moment.",
    "Accueil reporté : un membre de l'équipe est absent, un nouvel accueil est planifié.",
)
# In the order of the failed criterion: followed by a structure, left school too long ago, qualified.
INELIGIBLE_CANCEL_REASONS: tuple[str, ...] = (
    "Le jeune n'est pas éligible : il est déjà suivi par une autre structure. Orienté vers son conseiller habituel.",
    "Le jeune n'est pas éligible : sorti du système scolaire depuis plus de 12 mois. Orienté vers la Mission Locale.",
    "Le jeune n'est pas éligible : il a obtenu un CAP. Orienté vers la Mission Locale pour l'emploi.",
)
OVERRIDE_JUSTIFICATIONS: tuple[str, ...] = (
    "Sorti du lycée il y a treize mois mais sans aucun accompagnement depuis : l'équipe estime l'accueil commun "
    "indispensable.",
    "Suivi par la PJJ seulement pour une mesure pénale : aucun accompagnement vers la formation. Accueil accepté par "
    "le comité technique local.",
    "CAP obtenu dans une spécialité sans débouché local, en rupture totale depuis : accueil décidé en comité.",
)

ABSENCE_REASONS: tuple[str, ...] = (
    "Arrêt maladie ; la collègue a transmis ses éléments avant l'accueil.",
    "Formation académique ce jour-là ; le relais est assuré par l'équipe.",
)

REFERENT_CHANGE_REASONS: tuple[str, ...] = (
    "Changement de référent : départ de la conseillère de la structure.",
    "Changement de référent : le jeune a déménagé dans un autre secteur du territoire.",
    "Changement de référent à la demande du jeune, après échange en équipe.",
)

FOLLOW_UP_NOTES: dict[str, tuple[str, ...]] = {
    "interview": (
        "Point sur les démarches : CV mis à jour, deux candidatures envoyées.",
        "Entretien au bureau : le stage se passe bien, le tuteur est satisfait.",
        "Bilan du premier mois de formation ; quelques retards, à surveiller.",
        "Préparation de l'entretien avec l'employeur pour l'apprentissage.",
    ),
    "call": (
        "Appel pour confirmer le rendez-vous de jeudi.",
        "Le jeune a rappelé : il a trouvé une entreprise pour son stage.",
        "Appel à la mère : le jeune est malade cette semaine.",
    ),
    "message": (
        "SMS de rappel du rendez-vous envoyé.",
        "Message avec les coordonnées du centre de formation.",
        "Le jeune a envoyé son attestation d'inscription par message.",
    ),
    "home_visit": (
        "Visite au domicile avec l'éducatrice : le jeune ne sortait plus, reprise de contact réussie.",
        "Visite à domicile à la demande de la famille ; nouveau rendez-vous fixé.",
    ),
    "absence": (
        "Absent au rendez-vous, sans prévenir. Relance par SMS.",
        "Absent : oubli selon le jeune, rendez-vous reporté.",
    ),
    "partner_mobilisation": (
        "Contact avec le centre de formation pour une entrée en cours d'année.",
        "Échange avec la PJJ sur les horaires compatibles avec la mesure.",
        "Sollicitation du foyer de jeunes travailleurs pour une place.",
        "Mise en relation avec la chambre des métiers pour trouver un maître d'apprentissage.",
    ),
}

OUTCOME_NOTES: dict[str, tuple[str, ...]] = {
    "school": ("Scolarisé en CAP depuis la rentrée.", "Retour au lycée professionnel en seconde."),
    "apprenticeship": ("Contrat d'apprentissage signé chez un artisan.", "En apprentissage, premier semestre validé."),
    "training": ("En formation qualifiante à l'AFPA.", "Entré dans une formation du conseil régional."),
    "job": ("CDD de six mois dans la grande distribution.", "Intérim régulier dans la logistique."),
    "civic_service": ("Service civique de huit mois dans une association sportive.",),
    "ml_follow_up": ("Accompagné par la Mission Locale dans le Contrat d'engagement jeune.",),
    "no_solution": ("Toujours sans solution ; nouveau point prévu avec le référent.",),
    "lost_contact": ("Plus de réponse aux appels ni aux messages depuis deux mois.",),
    "moved": ("A déménagé dans un autre département ; dossier transmis à la Mission Locale locale.",),
}
