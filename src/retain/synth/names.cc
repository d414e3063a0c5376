#include "retain/synth/names.h"

#include <array>

namespace retain::synth {
namespace {

constexpr std::string_view kFemale[] = {
    "Anna",      "Maria",      "Ursula",    "Monika",    "Petra",     "Elisabeth", "Sabine",
    "Renate",    "Helga",      "Karin",     "Brigitte",  "Ingrid",    "Erika",     "Andrea",
    "Gisela",    "Claudia",    "Susanne",   "Gabriele",  "Christa",   "Christine", "Hildegard",
    "Anja",      "Stefanie",   "Birgit",    "Heike",     "Nicole",    "Martina",   "Barbara",
    "Julia",     "Katharina",  "Sandra",    "Marion",    "Angelika",  "Ulrike",    "Gertrud",
    "Elke",      "Bärbel",     "Waltraud",  "Inge",      "Edith",     "Doris",     "Jutta",
    "Rosemarie", "Sigrid",     "Hannelore", "Margarete", "Irmgard",   "Gudrun",    "Heidi",
    "Silke",     "Tanja",      "Kerstin",   "Manuela",   "Simone",    "Daniela",   "Melanie",
    "Katrin",    "Sonja",      "Bettina",   "Cornelia",  "Regina",    "Antje",     "Dagmar",
    "Beate",     "Iris",       "Astrid",    "Britta",    "Dörte",     "Frauke",    "Gesine",
    "Silvia",    "Yvonne",     "Jessica",   "Christina", "Sarah",     "Laura",     "Lisa",
    "Lena",      "Jana",       "Franziska", "Johanna",   "Carolin",   "Kathrin",   "Vanessa",
    "Jennifer",  "Janina",     "Nadine",    "Miriam",    "Annika",    "Svenja",    "Theresa",
    "Verena",    "Nina",       "Kristina",  "Alexandra", "Judith",    "Eva",       "Lea",
    "Leonie",    "Hannah",     "Sophie",    "Sophia",    "Emma",      "Mia",       "Emilia",
    "Marie",     "Clara",      "Charlotte", "Amelie",    "Lina",      "Luisa",     "Greta",
    "Ida",       "Frieda",     "Mathilda",  "Ella",      "Paula",     "Luise",     "Helena",
    "Lilly",     "Pia",        "Nele",      "Jule",      "Merle",     "Maja",      "Zoe",
    "Carla",     "Fiona",      "Elena",     "Isabell",   "Josephine", "Marlene",   "Romy",
    "Tabea",     "Selina",     "Michelle",  "Celina",    "Chiara",    "Alina",     "Melina",
    "Vivien",    "Larissa",    "Jasmin",    "Saskia",    "Natalie",   "Denise",    "Kim",
    "Svea",      "Malin",      "Henriette", "Antonia",   "Magdalena", "Rebecca",   "Ronja",
    "Finja",     "Wiebke",     "Insa",      "Imke",      "Birte",     "Heidrun",   "Hiltrud",
    "Rita",      "Lieselotte", "Käthe",     "Hedwig",    "Irene",     "Annegret",  "Roswitha",
    "Adelheid",  "Agnes",      "Margot",    "Liselotte", "Ilse",      "Erna",      "Herta",
    "Gerda",     "Elfriede",   "Anneliese", "Christel",  "Hanna",     "Lotte",     "Jacqueline",
    "Mandy",     "Peggy",      "Ramona",    "Nancy",     "Susann",    "Katja",     "Anke",
    "Ines",      "Ute",        "Ulla",      "Gabi",      "Conny",     "Steffi",    "Carina",
    "Isabel",    "Marina",     "Tamara",    "Aylin",     "Elif",      "Zeynep",    "Fatma",
    "Ayşe",      "Natalia",    "Olga",      "Anastasia", "Agnieszka", "Katarzyna", "Giulia",
    "Sofia",     "Leni",       "Mila",      "Thea",      "Hedda",     "Emily",     "Charlotta",
    "Rosa",      "Marta",
};

constexpr std::string_view kMale[] = {
    "Peter",     "Michael",   "Wolfgang", "Klaus",      "Thomas",     "Jürgen",      "Hans",
    "Andreas",   "Werner",    "Stefan",   "Manfred",    "Uwe",        "Günter",      "Dieter",
    "Frank",     "Horst",     "Gerhard",  "Bernd",      "Helmut",     "Heinz",       "Ralf",
    "Christian", "Markus",    "Martin",   "Jörg",       "Matthias",   "Rainer",      "Walter",
    "Karl",      "Joachim",   "Rolf",     "Alexander",  "Sven",       "Torsten",     "Dirk",
    "Holger",    "Jens",      "Kai",      "Lars",       "Björn",      "Sören",       "Olaf",
    "Detlef",    "Volker",    "Norbert",  "Reinhard",   "Harald",     "Herbert",     "Hermann",
    "Friedrich", "Wilhelm",   "Georg",    "Heinrich",   "Otto",       "Ernst",       "Rudolf",
    "Siegfried", "Lothar",    "Kurt",     "Erich",      "Fritz",      "Gustav",      "Hubert",
    "Alfred",    "Ulrich",    "Axel",     "Carsten",    "Marco",      "Oliver",      "Daniel",
    "Tobias",    "Sebastian", "Florian",  "Tim",        "Jan",        "Philipp",     "Benjamin",
    "Patrick",   "Dennis",    "Marcel",   "Christoph",  "Johannes",   "David",       "Simon",
    "Lukas",     "Jonas",     "Felix",    "Maximilian", "Moritz",     "Niklas",      "Julian",
    "Fabian",    "Dominik",   "Kevin",    "Marvin",     "Pascal",     "Robin",       "Nico",
    "Steffen",   "Timo",      "Mario",    "René",       "André",      "Ronny",       "Maik",
    "Enrico",    "Silvio",    "Mirko",    "Heiko",      "Marko",      "Leon",        "Paul",
    "Ben",       "Elias",     "Noah",     "Finn",       "Luca",       "Louis",       "Henry",
    "Emil",      "Anton",     "Theo",     "Matteo",     "Liam",       "Oskar",       "Milan",
    "Jakob",     "Mats",      "Carl",     "Leo",        "Fynn",       "Till",        "Hannes",
    "Malte",     "Ole",       "Bastian",  "Mathis",     "Linus",      "Konstantin",  "Vincent",
    "Valentin",  "Leonard",   "Frederik", "Jannik",     "Nils",       "Hendrik",     "Lennart",
    "Arne",      "Gerrit",    "Hauke",    "Jannes",     "Knut",       "Wilfried",    "Winfried",
    "Gottfried", "Eberhard",  "Bernhard", "Konrad",     "Ludwig",     "Albert",      "Arnold",
    "Bruno",     "Egon",      "Franz",    "Josef",      "Johann",     "Alois",       "Sepp",
    "Xaver",     "Korbinian", "Quirin",   "Benedikt",   "Vitus",      "Raphael",     "Elmar",
    "Gregor",    "Roland",    "Rüdiger",  "Burkhard",   "Hartmut",    "Gunnar",      "Achim",
    "Ingo",      "Gerd",      "Jochen",   "Hans-Peter", "Karl-Heinz", "Hans-Jürgen", "Klaus-Dieter",
    "Mehmet",    "Mustafa",   "Ali",      "Ahmet",      "Murat",      "Emre",        "Can",
    "Yusuf",     "Hüseyin",   "Dmitri",   "Sergej",     "Alexej",     "Piotr",       "Tomasz",
    "Marek",     "Giuseppe",  "Antonio",  "Stavros",    "Nikolaos",   "Adrian",      "Samuel",
    "Aaron",     "Erik",      "Henrik",   "Magnus",     "Levi",       "Ferdinand",   "Jonathan",
    "Lorenz",
};

constexpr std::string_view kLast[] = {
    "Müller",      "Schmidt",       "Schneider",  "Fischer",      "Weber",      "Meyer",
    "Wagner",      "Becker",        "Schulz",     "Hoffmann",     "Schäfer",    "Koch",
    "Bauer",       "Richter",       "Klein",      "Wolf",         "Schröder",   "Neumann",
    "Schwarz",     "Zimmermann",    "Braun",      "Krüger",       "Hofmann",    "Hartmann",
    "Lange",       "Schmitt",       "Werner",     "Schmitz",      "Krause",     "Meier",
    "Lehmann",     "Schmid",        "Schulze",    "Maier",        "Köhler",     "Herrmann",
    "König",       "Walter",        "Mayer",      "Huber",        "Kaiser",     "Fuchs",
    "Peters",      "Lang",          "Scholz",     "Möller",       "Weiß",       "Jung",
    "Hahn",        "Schubert",      "Vogel",      "Friedrich",    "Keller",     "Günther",
    "Frank",       "Berger",        "Winkler",    "Roth",         "Beck",       "Lorenz",
    "Baumann",     "Franke",        "Albrecht",   "Schuster",     "Simon",      "Ludwig",
    "Böhm",        "Winter",        "Kraus",      "Martin",       "Schumacher", "Krämer",
    "Vogt",        "Stein",         "Jäger",      "Otto",         "Sommer",     "Groß",
    "Seidel",      "Heinrich",      "Brandt",     "Haas",         "Schreiber",  "Graf",
    "Schulte",     "Dietrich",      "Ziegler",    "Kuhn",         "Kühn",       "Pohl",
    "Engel",       "Horn",          "Busch",      "Bergmann",     "Thomas",     "Voigt",
    "Sauer",       "Arnold",        "Wolff",      "Pfeiffer",     "Ernst",      "Lindner",
    "Hübner",      "Kramer",        "Franz",      "Peter",        "Jansen",     "Hansen",
    "Thiel",       "Götz",          "Paul",       "Ritter",       "Marx",       "Wendt",
    "Kaufmann",    "Brinkmann",     "Nowak",      "Schreiner",    "Hesse",      "Böttcher",
    "Kruse",       "Lenz",          "Schumann",   "Kaminski",     "Bock",       "Zimmer",
    "Schütz",      "Vetter",        "Kowalski",   "Ackermann",    "Wenzel",     "Herzog",
    "Mertens",     "Menzel",        "Petersen",   "Maurer",       "Seifert",    "Dittrich",
    "Kühne",       "Fiedler",       "Berg",       "Hermann",      "Hartwig",    "Buchholz",
    "Lehmkuhl",    "Bauer",         "Weise",      "Körner",       "Ulrich",     "Behrens",
    "Wagenknecht", "Riedel",        "Bachmann",   "Schilling",    "Reuter",     "Nagel",
    "Frey",        "Sander",        "Beyer",      "Kuhlmann",     "Kirchner",   "Bischoff",
    "Reinhardt",   "Jakob",         "Wolter",     "Stahl",        "Brauer",     "Haase",
    "Heller",      "Moser",         "Hoppe",      "Koch",         "Rieger",     "Lutz",
    "Fritz",       "Wittmann",      "Engelhardt", "Steiner",      "Lange",      "Dörr",
    "Kraft",       "Ebert",         "Pietsch",    "Henning",      "Thomsen",    "Hinz",
    "Busse",       "Gerlach",       "Ahrens",     "Marquardt",    "Stark",      "Erdmann",
    "Janssen",     "Kolb",          "Fleischer",  "Bruns",        "Löffler",    "Schröter",
    "Kern",        "Hauser",        "Michel",     "Hecht",        "Haupt",      "Förster",
    "Barth",       "Rau",           "Weiss",      "Hummel",       "Sturm",      "Brunner",
    "Schenk",      "Hagen",         "Köster",     "Noack",        "Eckert",     "Feldmann",
    "Strauß",      "Pfeifer",       "Wilhelm",    "Adam",         "Lux",        "Brandl",
    "Oswald",      "Rösler",        "Blum",       "Gärtner",      "Weidner",    "Schade",
    "Hildebrandt", "Witt",          "Hartung",    "Geiger",       "Rademacher", "Yılmaz",
    "Kaya",        "Demir",         "Şahin",      "Çelik",        "Öztürk",     "Arslan",
    "Doğan",       "Kowalczyk",     "Wiśniewski", "Lewandowski",  "Nowakowski", "Popović",
    "Jovanović",   "Rossi",         "Russo",      "Papadopoulos", "Schwab",     "Wirth",
    "Unger",       "Reichel",       "Heinze",     "Mohr",         "Auer",       "Hofer",
    "Gruber",      "Eder",          "Pichler",    "Moll",         "Fink",       "Kunz",
    "von Bülow",   "von der Heide", "Timm",       "Claßen",       "Wulf",       "Harms",
    "Oltmanns",    "Tiedemann",     "Brüggemann", "Dreher",       "Kessler",    "Baier",
    "Rauch",       "Ott",           "Straub",     "Münch",        "Lohmann",    "Kemper",
};

constexpr std::string_view kCompanySuffixes[] = {
    "Sportartikel GmbH", "Sport GmbH",  "Outdoor GmbH & Co. KG", "Modehaus KG",
    "Schuhhaus e.K.",    "Textil GmbH", "Bergsport GmbH",        "Laufsport OHG",
    "Handels GmbH",      "Events UG",   "Arbeitsschutz GmbH",    "& Söhne GmbH",
    "Bekleidung GmbH",   "Reisen GmbH", "Gastronomie GmbH",      "Immobilien GmbH",
    "Bau GmbH & Co. KG", "Hotel KG",    "Consulting GmbH",       "Logistik GmbH",
};

constexpr EmailProvider kProviders[] = {
    {"web.de", 24.0},    {"gmx.de", 22.0},    {"gmail.com", 22.0}, {"t-online.de", 12.0},
    {"outlook.de", 5.0}, {"hotmail.de", 4.0}, {"yahoo.de", 4.0},   {"icloud.com", 3.0},
    {"freenet.de", 2.0}, {"posteo.de", 1.0},  {"mail.de", 1.0},
};

}  // namespace

std::span<const std::string_view> FemaleFirstNames() { return kFemale; }
std::span<const std::string_view> MaleFirstNames() { return kMale; }
std::span<const std::string_view> LastNames() { return kLast; }
std::span<const std::string_view> CompanyNameSuffixes() { return kCompanySuffixes; }
std::span<const EmailProvider> EmailProviders() { return kProviders; }

}  // namespace retain::synth
