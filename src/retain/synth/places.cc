#include "retain/synth/places.h"

#include <vector>

namespace retain::synth {
namespace {

struct CityCodes {
  std::string_view city;
  std::string_view area_code;
  double population_k;
  std::string_view postal_codes;  // space-separated
};

// Real postal codes of each city (a sample of its districts).
constexpr CityCodes kCities[] = {
    {"Berlin", "30", 3750,
     "10115 10117 10178 10243 10245 10247 10405 10437 10551 10585 10627 10715 10777 10827 10961 "
     "10999 12043 12047 12163 12555 13086 13347 13585 14050 14163"},
    {"Hamburg", "40", 1890,
     "20095 20099 20146 20249 20354 20357 21073 22041 22085 22303 22525 22767 22769"},
    {"München", "89", 1510,
     "80331 80333 80469 80539 80634 80796 80797 81241 81369 81541 81667 81675 81925"},
    {"Köln", "221", 1080, "50667 50670 50672 50674 50677 50733 50823 50935 51063 51103"},
    {"Frankfurt am Main", "69", 770, "60311 60313 60316 60318 60322 60385 60486 60594 65929"},
    {"Stuttgart", "711", 630, "70173 70174 70176 70180 70190 70372 70469 70565"},
    {"Düsseldorf", "211", 620, "40210 40211 40213 40219 40474 40545"},
    {"Leipzig", "341", 600, "04103 04105 04107 04109 04155 04229 04275 04315"},
    {"Dortmund", "231", 590, "44135 44137 44139 44145 44225"},
    {"Essen", "201", 580, "45127 45128 45130 45138 45147"},
    {"Bremen", "421", 570, "28195 28199 28203 28209 28215"},
    {"Dresden", "351", 560, "01067 01069 01097 01099 01127 01187 01277"},
    {"Hannover", "511", 540, "30159 30161 30163 30169 30173 30449"},
    {"Nürnberg", "911", 520, "90402 90403 90408 90419 90429 90443 90478"},
    {"Duisburg", "203", 500, "47051 47053 47057"},
    {"Bochum", "234", 365, "44787 44789 44791"},
    {"Wuppertal", "202", 355, "42103 42105 42275"},
    {"Bielefeld", "521", 335, "33602 33604 33615"},
    {"Bonn", "228", 330, "53111 53113 53115 53175"},
    {"Münster", "251", 317, "48143 48145 48149 48151 48155"},
    {"Mannheim", "621", 315, "68159 68161 68163 68165"},
    {"Karlsruhe", "721", 308, "76131 76133 76135 76137"},
    {"Augsburg", "821", 300, "86150 86152 86159 86161"},
    {"Wiesbaden", "611", 278, "65183 65185 65189 65193"},
    {"Mönchengladbach", "2161", 261, "41061 41063 41236"},
    {"Gelsenkirchen", "209", 260, "45879 45881"},
    {"Aachen", "241", 249, "52062 52064 52066 52070"},
    {"Braunschweig", "531", 249, "38100 38102 38106 38118"},
    {"Kiel", "431", 247, "24103 24105 24114 24143"},
    {"Chemnitz", "371", 244, "09111 09112 09126 09130"},
    {"Halle (Saale)", "345", 238, "06108 06110 06114 06120"},
    {"Magdeburg", "391", 237, "39104 39106 39108 39112"},
    {"Freiburg im Breisgau", "761", 231, "79098 79100 79102 79104 79106"},
    {"Krefeld", "2151", 227, "47798 47799 47805"},
    {"Mainz", "6131", 218, "55116 55118 55122"},
    {"Lübeck", "451", 216, "23552 23554 23562 23564"},
    {"Erfurt", "361", 214, "99084 99085 99089 99096"},
    {"Oberhausen", "208", 209, "46045 46047"},
    {"Rostock", "381", 209, "18055 18057 18069"},
    {"Kassel", "561", 201, "34117 34119 34121"},
    {"Hagen", "2331", 189, "58095 58097"},
    {"Potsdam", "331", 183, "14467 14469 14482"},
    {"Saarbrücken", "681", 180, "66111 66113 66117 66119"},
    {"Hamm", "2381", 178, "59065 59067"},
    {"Ludwigshafen am Rhein", "621", 172, "67059 67061"},
    {"Oldenburg", "441", 170, "26121 26122 26123"},
    {"Osnabrück", "541", 165, "49074 49076 49078"},
    {"Leverkusen", "214", 163, "51373 51379"},
    {"Heidelberg", "6221", 160, "69115 69117 69120 69126"},
    {"Darmstadt", "6151", 159, "64283 64285 64289"},
    {"Solingen", "212", 159, "42651 42655"},
    {"Regensburg", "941", 153, "93047 93049 93053"},
    {"Paderborn", "5251", 152, "33098 33100 33102"},
    {"Ingolstadt", "841", 138, "85049 85051 85053 85055"},
    {"Würzburg", "931", 127, "97070 97072 97074"},
    {"Ulm", "731", 126, "89073 89075 89077"},
    {"Wolfsburg", "5361", 124, "38440 38444 38448"},
    {"Göttingen", "551", 118, "37073 37075 37083"},
    {"Pforzheim", "7231", 126, "75172 75175"},
    {"Heilbronn", "7131", 126, "74072 74074"},
    {"Bremerhaven", "471", 113, "27568 27570"},
    {"Koblenz", "261", 114, "56068 56070"},
    {"Jena", "3641", 110, "07743 07745 07747"},
    {"Trier", "651", 111, "54290 54292 54294"},
    {"Erlangen", "9131", 113, "91052 91054"},
    {"Reutlingen", "7121", 116, "72764 72766"},
    {"Bayreuth", "921", 74, "95444 95445 95447"},
    {"Bamberg", "951", 77, "96047 96049 96050 96052"},
    {"Konstanz", "7531", 85, "78462 78464 78467"},
    {"Passau", "851", 53, "94032 94034 94036"},
    {"Flensburg", "461", 92, "24937 24939 24941"},
    {"Schwerin", "385", 96, "19053 19055 19057"},
    {"Tübingen", "7071", 91, "72070 72072 72074 72076"},
    {"Marburg", "6421", 77, "35037 35039 35041 35043"},
    {"Lüneburg", "4131", 78, "21335 21337 21339"},
    {"Rosenheim", "8031", 64, "83022 83024 83026"},
    {"Kempten (Allgäu)", "831", 70, "87435 87437 87439"},
    {"Landshut", "871", 74, "84028 84030 84034"},
    {"Weimar", "3643", 65, "99423 99425"},
    {"Fulda", "661", 69, "36037 36039 36041"},
    {"Celle", "5141", 70, "29221 29223 29225"},
    {"Stralsund", "3831", 59, "18435 18437 18439"},
    {"Greifswald", "3834", 59, "17489 17491 17493"},
    {"Detmold", "5231", 75, "32756 32758 32760"},
    {"Gütersloh", "5241", 101, "33330 33332 33334"},
    {"Ludwigsburg", "7141", 94, "71634 71636 71638"},
    {"Esslingen am Neckar", "711", 94, "73728 73730 73732"},
    {"Offenburg", "781", 61, "77652 77654 77656"},
    {"Friedrichshafen", "7541", 61, "88045 88046 88048"},
    {"Ravensburg", "751", 51, "88212 88213 88214"},
    {"Baden-Baden", "7221", 55, "76530 76532 76534"},
    {"Kaiserslautern", "631", 100, "67655 67657 67659"},
    {"Siegen", "271", 102, "57072 57074 57076"},
    {"Recklinghausen", "2361", 111, "45657 45659 45661"},
    {"Neuss", "2131", 152, "41460 41462 41464"},
    {"Norderstedt", "40", 80, "22844 22846 22848"},
    {"Cuxhaven", "4721", 48, "27472 27474 27476"},
    {"Stade", "4141", 48, "21680 21682 21684"},
    {"Emden", "4921", 50, "26721 26723 26725"},
    {"Wilhelmshaven", "4421", 76, "26382 26384 26386"},
    {"Meißen", "3521", 28, "01662"},
    {"Wernigerode", "3943", 32, "38855"},
    {"Garmisch-Partenkirchen", "8821", 27, "82467"},
    {"Berchtesgaden", "8652", 8, "83471"},
    {"Oberstdorf", "8322", 10, "87561"},
    {"Starnberg", "8151", 23, "82319"},
    {"Bad Tölz", "8041", 19, "83646"},
    {"Lindau (Bodensee)", "8382", 25, "88131"},
    {"Husum", "4841", 23, "25813"},
    {"Buxtehude", "4161", 40, "21614"},
    {"Coburg", "9561", 41, "96450"},
    {"Hof", "9281", 46, "95028"},
    {"Gotha", "3621", 46, "99867"},
    {"Neubrandenburg", "395", 63, "17033"},
    {"Zwickau", "375", 88, "08056 08058 08060"},
    {"Cottbus", "355", 99, "03044 03046 03048"},
    {"Dessau-Roßlau", "340", 75, "06842 06844 06846"},
    {"Görlitz", "3581", 56, "02826 02827 02828"},
    {"Plauen", "3741", 64, "08523 08525 08527"},
};

constexpr std::string_view kStreets[] = {
    "Hauptstraße",
    "Schulstraße",
    "Gartenstraße",
    "Bahnhofstraße",
    "Dorfstraße",
    "Bergstraße",
    "Birkenweg",
    "Lindenstraße",
    "Kirchstraße",
    "Waldstraße",
    "Ringstraße",
    "Schillerstraße",
    "Goethestraße",
    "Jahnstraße",
    "Mozartstraße",
    "Am Markt",
    "Rosenweg",
    "Wiesenweg",
    "Feldstraße",
    "Mühlenweg",
    "Eichenweg",
    "Sonnenstraße",
    "Am Sportplatz",
    "Beethovenstraße",
    "Poststraße",
    "Parkstraße",
    "Industriestraße",
    "Uhlandstraße",
    "Kastanienallee",
    "Friedrichstraße",
    "Wilhelmstraße",
    "Breite Straße",
    "Lange Straße",
    "Marktplatz",
    "Am Bahnhof",
    "Talstraße",
    "Blumenstraße",
    "Ahornweg",
    "Tulpenweg",
    "Kiefernweg",
    "Buchenweg",
    "Fliederweg",
    "Lessingstraße",
    "Heinestraße",
    "Kantstraße",
    "Hölderlinweg",
    "Brunnenstraße",
    "Mittelstraße",
    "Neue Straße",
    "Rathausstraße",
    "Kirchweg",
    "Am Anger",
    "Auf dem Berg",
    "Hofstraße",
    "Burgstraße",
    "Mühlstraße",
    "Königstraße",
    "Kaiserstraße",
    "Luisenstraße",
    "Bismarckstraße",
    "Rheinstraße",
    "Mainstraße",
    "Elbstraße",
    "Danziger Straße",
    "Berliner Straße",
    "Hamburger Straße",
    "Münchner Straße",
    "Frankfurter Straße",
    "Kölner Straße",
    "Leipziger Straße",
    "Dresdner Straße",
    "Schloßstraße",
    "Weststraße",
    "Oststraße",
    "Nordstraße",
    "Südstraße",
    "Lerchenweg",
    "Amselweg",
    "Drosselweg",
    "Finkenweg",
    "Meisenweg",
    "Tannenweg",
    "Erlenweg",
    "Ulmenweg",
    "Grüner Weg",
    "Am Hang",
    "Im Winkel",
    "Zum See",
    "An der Kirche",
    "Steinweg",
    "Schützenstraße",
    "Raiffeisenstraße",
    "Fontanestraße",
    "Humboldtstraße",
    "Herderstraße",
    "Karlstraße",
    "Ludwigstraße",
    "Marienstraße",
    "Sophienstraße",
    "Augustastraße",
    "Bürgermeister-Schmidt-Straße",
    "Robert-Koch-Straße",
    "Albert-Schweitzer-Straße",
    "Geschwister-Scholl-Straße",
    "Carl-von-Ossietzky-Straße",
    "Konrad-Adenauer-Straße",
    "Willy-Brandt-Allee",
    "Rudolf-Diesel-Straße",
    "Max-Planck-Straße",
    "Am Wasserturm",
    "Hafenstraße",
    "Deichstraße",
    "Seestraße",
    "Uferstraße",
    "Alte Landstraße",
};

constexpr Store kStores[] = {
    {"S01", "Hamburg"},           {"S02", "Berlin"},    {"S03", "München"}, {"S04", "Köln"},
    {"S05", "Frankfurt am Main"}, {"S06", "Stuttgart"}, {"S07", "Leipzig"},
};

std::vector<Place> BuildPlaces() {
  std::vector<Place> places;
  for (const CityCodes& c : kCities) {
    std::vector<std::string_view> codes;
    std::string_view rest = c.postal_codes;
    while (!rest.empty()) {
      const size_t space = rest.find(' ');
      codes.push_back(rest.substr(0, space));
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    }
    for (std::string_view code : codes) {
      places.push_back({c.city, code, c.area_code, c.population_k / codes.size()});
    }
  }
  return places;
}

}  // namespace

std::span<const Place> Places() {
  static const std::vector<Place> places = BuildPlaces();
  return places;
}

std::span<const std::string_view> StreetNames() { return kStreets; }

std::span<const Store> Stores() { return kStores; }

size_t NearestStore(std::string_view postal_code) {
  // Postal zone (first digit) -> store index: 0 Sachsen/Thüringen -> Leipzig,
  // 1 Berlin/Brandenburg/MV -> Berlin, 2 Nord -> Hamburg, 3 Niedersachsen/Nordhessen
  // -> Hamburg, 4/5 NRW -> Köln, 6 Hessen/Saar/Pfalz -> Frankfurt, 7 Baden-Württemberg
  // -> Stuttgart, 8/9 Bayern -> München.
  static constexpr size_t kByZone[10] = {6, 1, 0, 0, 3, 3, 4, 5, 2, 2};
  if (postal_code.empty() || postal_code[0] < '0' || postal_code[0] > '9') return 0;
  return kByZone[postal_code[0] - '0'];
}

}  // namespace retain::synth
