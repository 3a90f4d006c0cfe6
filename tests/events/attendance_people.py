"""People of the 2023/24 edition whom the corpus attendance files should find.

Names and application e-mails as EXPECTED.md lists them for each training, with the
total and how each is expected to be matched; the decoys applied but attended
neither training, and share family names or near spellings with people who did.
"""

from tandem.events.attendance import Person

# (full name, application e-mail, total minutes, matched by)
MENTOR_TRAINING_1 = [
    ("Agnieszka Kuźniar", "a.kuzniar@example.org", 115, "e-mail"),
    ("Aleksandr Kuznetsov", "aleksandr.kuznetsov@example.ru", 109, "e-mail"),
    ("Ema Marić", "e.maric@example.org", 111, "e-mail"),
    ("Frida Löfgren", "frida.lofgren@example.se", 124, "e-mail"),
    ("Hajnalka Gál", "gal.hajnalka@example.org", 128, "e-mail"),
    ("Ildikó Rácz", "racz.ildiko@example.hu", 121, "e-mail"),
    ("Jitka Říhová", "jitkarihova79@example.cz", 120, "e-mail"),
    ("Juraj Mikuláš", "mikulas.juraj@example.org", 113, "e-mail"),
    ("Justyna Król", "justynakrol70@example.pl", 123, "e-mail"),
    ("Levente Kovács", "leventekovacs78@example.org", 118, "e-mail"),
    ("Ľubica Ďurčová", "lubica.durcova@example.sk", 111, "name"),
    ("Łukasz Wójcik", "lukasz.wojcik@example.pl", 111, "e-mail"),
    ("Maarten Maes", "m.maes@example.be", 119, "e-mail"),
    ("Malin Forsgren", "forsgren.malin@example.org", 111, "e-mail"),
    ("Marek Rusnák", "marekrusnak72@example.org", 124, "e-mail"),
    ("Maria Yolkina", "mariayolkina77@example.com", 119, "e-mail"),
    ("Oksana Kovalenko", "oksana.kovalenko@example.com", 123, "e-mail"),
    ("Ondřej Kučera", "ondrej.kucera@example.cz", 112, "name"),
    ("Peter Ďurovič", "peter.durovic@example.sk", 118, "e-mail"),
    ("Rashid Al-Nuaimi", "r.alnuaimi@example.ae", 118, "e-mail"),
    ("Róbert Vlček", "robert.vlcek@example.sk", 122, "e-mail"),
    ("Šimun Đurić", "simun.duric@example.hr", 115, "name"),
    ("Sofia Forsgren", "sofia.forsgren@example.se", 118, "e-mail"),
    ("Tomáš Čierny", "tomascierny70@example.sk", 121, "e-mail"),
    ("Tomasz Rutkowski", "t.rutkowski@example.com", 117, "e-mail"),
    ("Tomasz Wrześniewski", "tomasz.wrzesniewski@example.pl", 111, "e-mail"),
    ("Virág Papp", "viragpapp92@example.net", 112, "e-mail"),
    ("Zbigniew Krawczyk", "zbigniewkrawczyk95@example.com", 123, "e-mail"),
    ("Zbigniew Nowak", "zbigniew.nowak@example.org", 130, "e-mail"),
    ("Zsófia Lukács", "zsofia.lukacs@example.com", 122, "e-mail"),
    ("Zsófia Szőke", "zsofia.szoke@example.hu", 110, "e-mail"),
    ("Екатерина Смирнова", "ekaterina.smirnova@example.ru", 112, "e-mail"),
]

# (full name, application e-mail, total seconds, matched by)
MENTEE_TRAINING = [
    (
        "Agnieszka Brzęczyszczykiewicz",
        "agnieszka.brzeczyszczykiewicz@example.pl",
        4798,
        "e-mail",
    ),
    ("Ana Lúcia Ferreira", "analuciaferreira86@example.ae", 5042, "e-mail"),
    ("Anna Łuczak", "anna.luczak@example.pl", 4824, "e-mail"),
    ("Anna Wrześniewska", "wrzesniewska.anna@example.pl", 4812, "e-mail"),
    ("Annika Öberg", "annika.oberg@example.se", 5174, "e-mail"),
    ("Åsa Öberg", "asa.oberg@example.se", 5055, "e-mail"),
    ("Beata Grabowska", "beata.grabowska@example.com", 5552, "e-mail"),
    ("Dorota Kowalczyk", "dorotakowalczyk75@example.pl", 4878, "e-mail"),
    ("Eliška Benešová", "benesova.eliska@example.cz", 4699, "e-mail"),
    ("Elke Lemaître", "elkelemaitre86@example.org", 4856, "e-mail"),
    ("Fatima Al-Mansouri", "fatima.almansouri@example.ae", 5198, "e-mail"),
    ("Gustav Öberg", "g.oberg@example.net", 5354, "e-mail"),
    ("Halina Nowak", "h.nowak@example.org", 5449, "e-mail"),
    ("Hélène Dubois", "helene.dubois@example.be", 4972, "e-mail"),
    ("Inès D'Haese", "inesdhaese99@example.be", 4792, "e-mail"),
    ("Iva Perić", "i.peric@example.hr", 4892, "e-mail"),
    ("Jitka Křížková", "jitkakrizkova97@example.net", 5546, "e-mail"),
    ("Justyna Kowalczyk", "j.kowalczyk@example.pl", 4452, "e-mail"),
    ("Justyna Zając", "justyna.zajac@example.pl", 5172, "e-mail"),
    ("Kamil Żółkiewski", "kamil.zolkiewski@example.pl", 4633, "e-mail"),
    ("Klára Čermáková", "cermakova.klara@example.net", 4869, "e-mail"),
    ("Krzysztof Dąbrowski", "k.dabrowski@example.pl", 5556, "e-mail"),
    ("Layla Bin Hamdan", "laylabinhamdan73@example.ae", 4999, "e-mail"),
    ("Lucija Božić", "lucija.bozic@example.hr", 4829, "name"),
    ("Maja Järvinen", "m.jarvinen@example.se", 4534, "e-mail"),
    ("Małgorzata Ślusarczyk", "m.slusarczyk@example.pl", 4979, "e-mail"),
    ("Maria Morozova", "morozova.maria@example.ru", 5194, "e-mail"),
    ("Mariam Al Marzooqi", "mariam.almarzooqi@example.ae", 4877, "e-mail"),
    ("Martina Mikulić", "martina.mikulic@example.hr", 5025, "e-mail"),
    ("Matěj Říha", "matej.riha@example.cz", 5304, "e-mail"),
    ("Michał Gołębiowski", "michalgolebiowski80@example.pl", 5038, "e-mail"),
    ("Radka Marková", "markova.radka@example.com", 4757, "e-mail"),
    ("Šárka Černá", "cerna.sarka@example.cz", 4467, "e-mail"),
    ("Šimun Blažević", "simun.blazevic@example.hr", 4960, "e-mail"),
    ("Siobhan O'Neill-Kowalska", "siobhan.oneill@example.org", 5109, "e-mail"),
    ("Szymon Bęben", "szymonbeben73@example.pl", 4905, "e-mail"),
    ("Tereza Dvořáková", "tereza.dvorakova@example.cz", 5180, "e-mail"),
    ("Viktor Järvinen", "jarvinen.viktor@example.com", 5031, "e-mail"),
    ("Vít Marek", "marek.vit@example.cz", 4859, "e-mail"),
    ("Wouter Dupont", "w.dupont@example.be", 5176, "e-mail"),
    ("Zbigniew Michalak", "michalak.zbigniew@example.com", 5306, "e-mail"),
]

DECOYS = [
    ("Bence Farkas", "farkas.bence@example.hu"),
    ("Elin Forsgren", "elin.forsgren@example.se"),
    ("Piotr Nowak", "piotr.nowak@example.pl"),
    ("Tatiana Morozova", "tatiana.morozova@example.ru"),
    ("Ľubomír Kováč", "lubomir.kovac@example.sk"),
    ("Mariam Bin Hamdan", "mariam.binhamdan@example.ae"),
    ("Noël Janssens", "noel.janssens@example.be"),
]


def edition_people() -> list[Person]:
    """Everyone the attendance of the edition is matched against, mentors first."""
    named = [(name, email) for name, email, *_ in MENTOR_TRAINING_1 + MENTEE_TRAINING]
    return [
        Person(id=number, full_name=name, emails=(email,))
        for number, (name, email) in enumerate(named + DECOYS, start=1)
    ]
