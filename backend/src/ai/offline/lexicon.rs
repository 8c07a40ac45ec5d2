//! The hospitality lexicon: the words guests use in six languages for the things a stay is about,
//! mapped to one shared concept, so "llegada", "Ankunft" and "arrivo" all find a French FAQ about
//! "l'arrivée". Words are folded (lower case, no accents, see `text::fold`); a trailing `*`
//! matches any ending, a trailing `=` keeps a word out of typo matching. Concepts are kept
//! apart where a FAQ would answer them apart (an oven is not a microwave, beach towels are not
//! bath towels).
//!
//! Also here: the function words of the six languages, which carry no topic.

use std::collections::HashSet;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// A topic shared across languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Concept {
    Arrival,
    Departure,
    Time,
    Early,
    Late,
    Wifi,
    Code,
    Parking,
    Pets,
    Linen,
    Towels,
    Trash,
    Keys,
    Heating,
    HotWater,
    AirConditioning,
    Pool,
    Laundry,
    Smoking,
    Baby,
    /// A cot or a high chair.
    BabyGear,
    /// Breakfast, which a FAQ may offer; the other meals only say when.
    Breakfast,
    Airport,
    Transport,
    Kitchen,
    /// A bakery is a shop (a guest asking for one is answered by the shops entry), but a shop
    /// is not a bakery: see `broader`.
    Bakery,
    Shops,
    Luggage,
    Electricity,
    Address,
    Bed,
    Open,
    Room,
    Balcony,
    // The equipment, services and surroundings real holiday-rental FAQs speak of (session 7).
    // Appliances are kept apart (an oven is not a microwave): an entry listing several of them
    // in its answer is still found through the answer's words.
    Dishwasher,
    Oven,
    Microwave,
    Stove,
    Coffee,
    Kettle,
    Toaster,
    Fridge,
    Freezer,
    Dryer,
    Iron,
    HairDryer,
    Vacuum,
    Cleaning,
    Television,
    Beach,
    BeachTowels,
    Parasol,
    Barbecue,
    Bike,
    Motorbike,
    ElectricCar,
    QuietHours,
    Party,
    Visitors,
    Deposit,
    Fee,
    TouristTax,
    Cancellation,
    Invoice,
    Lift,
    Floor,
    Accessibility,
    Pharmacy,
    Doctor,
    TownCentre,
    Restaurant,
    Shutters,
    Mosquito,
    SelfCheckIn,
    Intercom,
    ExtraBed,
    Sofa,
    Blanket,
    Pillow,
    Shower,
    Bathtub,
    ToiletPaper,
    Toiletries,
    FirstAid,
    Safe,
    Games,
    Playground,
    Garden,
    HotTub,
    Sauna,
    Gym,
    Tennis,
    Fan,
    Neighbours,
    Fireplace,
    SkiRoom,
    Taxi,
    DrinkingWater,
    Mail,
    Activities,
    Hiking,
    DryingRack,
    Stroller,
    Pantry,
    Alarm,
    Payment,
    Capacity,
    Padlock,
    // A mountain stay, a city stay (session 8).
    /// The pass for the ski lifts ("forfait", "Skipass", "lift pass").
    SkiPass,
    /// The slopes and the lifts up to them.
    Slopes,
    /// Snow chains and winter tyres, for the road up.
    SnowChains,
    /// A market: a shop too (see `broader`), but a shop is not a market.
    Market,
    /// Renting something (bikes, a car): a FAQ that lends bikes does not rent them.
    Rental,
    /// Changing something (the sheets, the towels).
    Change,
    // What other listings hold (session 8): a farmhouse, a beach flat, a ski chalet.
    /// A septic tank: what may go down the drains.
    SepticTank,
    /// Eggs and produce of the farm.
    FarmProduce,
    /// Wine: cellars, tastings, vineyards.
    Wine,
    /// The farm's animals (hens, horses…), not the guests' pets.
    FarmAnimals,
    /// A vegetable garden, not the garden.
    VegetableGarden,
    /// Ski lessons and schools.
    SkiSchool,
    /// Sledges.
    Sledge,
    /// Snowshoes.
    Snowshoes,
    /// Kayaks, paddle boards, snorkels.
    WaterSports,
    /// A desk or a printer, to work from the stay.
    Workspace,
    /// The gate of the grounds (not the flat's door).
    Gate,
    /// A discount (a long stay, a return visit).
    Discount,
    /// The mattress.
    Mattress,
    /// A gas bottle (for the barbecue or the cooker).
    GasBottle,
    /// A socket or a plug adapter.
    Plug,
}

/// Each concept's words. A trailing `=` marks a word one letter away from another language's
/// everyday word ("borne" / "bonne", "plage" / "place", "party" / "parte"): it is matched as
/// written, never as a typo.
#[rustfmt::skip]
const CONCEPTS: &[(Concept, &[&str])] = &[
    (
        Concept::Arrival,
        &[
            "entrer", "rentrer", "entrons", "rentrons", "entrez", "entrar", "entramos", "entrare", "entriamo", "entrarmos", "rein", "reinkommen", "hinein", "einziehen", "lleg*", "cheg*", "ankomm*", "anreis*",
            "checkin", "arriv*", "llegada", "llegar", "llego", "llegamos", "ankunft", "ankommen",
            "anreise", "anreisen", "einchecken", "eincheck*", "chegada", "chegar", "chego",
            "chegamos", "entrada", "arrivee*",
        ],
    ),
    (
        Concept::Departure,
        &[
            "garder",
            "uscire", "usciamo", "andarcene",
            "part", "pars", "partida", "raus", "ausziehen", "abreis*", "irnos", "marcharnos", "marcharse", "rester", "restons", "stay", "quedarnos", "quedarse", "bleiben", "restare", "rimanere", "ficar", "ficarmos", "vaciar", "embora",
            "verlassen",
            "checkout", "depart*", "partir", "partant", "partirons", "partons", "quitter", "quitte", "liberer", "leave",
            "leaving", "salida", "salir", "abreise", "abreisen", "abfahrt", "auschecken",
            "auscheck*", "partenza", "partire", "saida", "sair", "sairmos",
        ],
    ),
    (
        Concept::Time,
        &[
            "heure*", "horaire*", "time", "times", "hour", "hours", "hora", "horas", "horario*", "uhr", "uhrzeit",
            "ora", "orari*", "when", "quand", "cuando", "wann", "quando", "qd", "qnd", "cdo",
            // "What's the latest we can leave?" asks a time.
            "latest", "earliest",
        ],
    ),
    (
        Concept::Early,
        &[
            "tot", "plustot", "early", "earlier", "temprano", "antes", "presto",
            // Not "fruh*": "Frühstück" is breakfast.
            "fruh", "fruher", "fruhe", "fruhen", "fruhzeitig", "fruhestens", "prima", "cedo", "anticip*", "avance",
        ],
    ),
    (
        Concept::Late,
        &[
            "longer", "langer",
            "tard", "plustard", "tardif*", "late", "later", "mastarde", "tarde", "spat", "spater",
            "tardi", "maistarde", "prolonger",
        ],
    ),
    (
        Concept::Wifi,
        &[
            "mdp", "pwd", "passwd", "pw", "pswd", "wlan*",
            "connect*", "connex*", "conect*", "verbind*", "connett*", "collegar*",
            "wifi", "wlan", "internet", "reseau", "network", "motdepasse", "password", "passwort",
            "kennwort", "contrasena", "clave", "senha", "rete", "rede", "red", "netz", "wiifi",
            "wify", "connexion", "connection", "conexion", "verbindung", "connessione", "conexao",
            // The box it comes from: "le mdp de la box", "der Router".
            "routeur", "router", "modem", "livebox", "freebox", "bbox", "fritzbox", "roteador",
            "fibre", "fiber", "fibra", "glasfaser", "wfi", "net=",
        ],
    ),
    (Concept::Code, &["code", "codes", "codigo", "codice", "pin"]),
    (
        Concept::Parking,
        &[
            "stellplatz",
            "gare", "aparca*", "estaciona*", "estaciono*",
            "park*", "parking", "garer", "stationn*", "car", "cars", "voiture*", "auto", "autos",
            "coche", "carro", "macchina", "aparcar", "aparcamiento", "aparco", "estacionar",
            "estacionamento", "estacionamiento", "parcheggi*", "garage*", "garagem",
            // Regional: Argentina, Central America, Colombia, British English, Québec ("deux chars").
            "cochera", "cocheras", "parqueo", "parqueadero", "carpark", "char", "chars",
            // A parking space in Portuguese.
            "vaga", "vagas",
        ],
    ),
    (
        Concept::Pets,
        &[
            "animal*", "animaux", "pet", "pets", "dog", "dogs", "chien*", "chat", "chats", "cat",
            "cats", "mascota*", "perro*", "gato*", "hund", "hunde", "hundes", "haustier*",
            "katze*", "cane", "cani", "cagnolin*", "gatto", "gatti", "cachorro*", "cao", "caes",
            "animais",
            // Puppies, kittens and the breeds guests name instead of "dog" (session 8).
            // Matched as written: "labadora" (a washer) is no labrador.
            "puppy=", "puppies=", "chiot=", "chiots=", "welpe=", "welpen=", "cucciolo=",
            "cuccioli=", "chaton=", "chatons=", "kitten=", "kittens=", "teckel=", "dackel=",
            "labrador=", "caniche=", "chihuahua=", "bulldog=", "yorkshire=", "bichon=", "beagle=",
            "spaniel=", "terrier=", "carlin=", "mops=", "barboncino=", "pudel=", "poodle=",
            "pinscher=", "shihtzu=", "westie=",
        ],
    ),
    // Changing something (the sheets during a long stay, "cambio lenzuola"): an entry that
    // only provides it does not say it is changed.
    (
        Concept::Change,
        &[
            "changer=", "change=", "changes=", "changee=", "changees=", "changes=", "changement=",
            "changed=", "changing=", "cambiar=", "cambian=", "cambio=", "cambiais=", "cambiado=",
            "cambiadas=", "wechseln=", "gewechselt=", "wechsel=", "wechselt=", "auswechseln=",
            "cambiare=", "cambiate=", "cambiano=", "cambiati=", "cambiate=", "trocar=", "troca=",
            "trocam=", "trocadas=", "trocados=", "trocada=",
        ],
    ),
    (
        Concept::Linen,
        &[
            "linge", "drap", "draps", "sheet", "sheets", "linen*", "bedding", "sabana*",
            "bettwasche", "lenzuol*", "biancheria", "lencol", "lencois",
            // German sheets, Austrian and Swiss too.
            "laken", "bettlaken", "leintuch", "leintucher",
        ],
    ),
    (
        Concept::Towels,
        &[
            "badetuch*", "badetucher",
            "towels", "towel", "serviettes", "serviette", "toallas", "toalhas", "asciugamani",
            "serviette*", "towel*", "toalla*", "handtuch*", "handtucher", "asciugaman*", "toalha*",
        ],
    ),
    (
        Concept::Trash,
        &[
            "contenedor*", "conteneur*", "container*", "cassonett*", "contentor*", "ecopunto",
            "poubelles", "poubelle", "basura", "spazzatura",
            "poubelle*", "dechet*", "ordure*", "trash", "garbage", "rubbish", "bins", "waste",
            "basura*", "residuo*", "mull*", "abfall*", "spazzatura", "rifiuti", "immondizia",
            "lixo", "tri", "recycl*", "recicla*", "differenziata", "reciclagem",
            // Sorting it: "¿hay que separar el vidrio?".
            "separar", "trier", "trions", "mulltrennung", "trennen", "separare", "vidrio", "vetro", "vidro",
            "altglas", "altpapier",
        ],
    ),
    (
        Concept::Keys,
        &[
            "cle", "cles", "clef", "clefs", "key", "keys", "lockbox", "keybox", "llave*",
            "schlussel*", "chiave", "chiavi", "chave", "chaves", "cassetta", "boitier",
            "serrure", "lock", "cerradura", "schloss", "serratura", "fechadura",
        ],
    ),
    (
        Concept::Heating,
        &[
            "chauffage*", "chauffer", "heating", "heater*", "heat", "calefaccion", "heizung*",
            "heizen", "heizkorper", "riscaldament*", "termosifon*", "aquecimento", "aquecedor*",
            "thermostat*", "termostato", "radiateur*", "radiator*", "calefactor",
            // Heaters: Spanish, Italian (a wood stove is glued apart, see `text`).
            "estufa", "estufas", "stufa", "stufe", "radiador", "radiadores",
            // Heated ("le jacuzzi est chauffé", "is the pool heated?").
            "chauffe", "chauffee", "chauffes", "chauffees", "heated", "beheizt", "geheizt",
            "riscaldat*", "aquecid*", "calentad*", "climatizada", "climatizado",
        ],
    ),
    (
        Concept::HotWater,
        &[
            "eauchaude", "scaldabagno", "boiler", "caldaia", "chaudiere", "ballon",
            // Water heaters: Argentina, France, English, German.
            "calefon", "calefones", "termotanque", "chauffeeau", "waterheater", "durchlauferhitzer",
        ],
    ),
    (
        Concept::AirConditioning,
        &[
            "aire",
            "clim", "climatis*", "aircon", "ac", "klima*", "condizionatore", "climatizador*",
            "climatizzat*",
        ],
    ),
    (
        Concept::Pool,
        &[
            "piscina",
            "piscine", "pool", "piscina", "schwimmbad", "swimming", "pool's",
            // Swimming is what a pool is for ("peut-on se baigner ?").
            "swim", "nager", "baigner", "baignade", "nadar", "banarse", "schwimmen", "nuotare",
            // Regional: Mexico, Argentina.
            "alberca", "albercas", "pileta", "piletas",
        ],
    ),
    (
        Concept::Laundry,
        &[
            "roupa", "ropa", "vetements", "clothes", "kleidung", "wasche", "vestiti", "panni",
            "laverie", "laundromat", "lavanderia", "waschsalon", "lavandaria", "waschmaschine*",
            "lavelinge", "washer", "laundry", "lavadora", "waschmaschine", "lavatrice", "lessive",
            "detergent*", "waschmittel", "detersivo", "lavar", "laver", "lavare", "waschen",
            "wash", "bucato",
            // Self-service laundries: British, French chat.
            "launderette*", "laundrette*", "lavomatic", "lavomatique",
            // Washers: Québec, Argentina.
            "laveuse", "laveuses", "lavarropas", "lavarropa",
        ],
    ),
    (
        Concept::Smoking,
        &[
            "fumer", "fume", "fumeur*", "smoke", "smoking", "fumar", "fumo", "rauchen", "raucher",
            "fumare", "cigarette*", "cigarro*", "zigarett*", "sigarett*",
        ],
    ),
    (
        Concept::Baby,
        &[
            "nino", "ninos", "nina", "enfant", "enfants", "child", "children", "kids", "bambino", "bambini", "crianca", "criancas",
            "bebe*", "baby", "babys", "neonat*", "bambin*",
            // Little ones: Italian, English, Spanish, German, French (session 8).
            "bimba", "bimbo", "bimbi", "bimbe", "toddler", "toddlers", "kid", "infant", "infants",
            "nene", "nenes", "kinder", "kind", "kindern", "kleinkind", "nourrisson*",
        ],
    ),
    (
        Concept::Breakfast,
        &[
            "petitdejeuner", "breakfast*", "desayuno*", "fruhstuck*", "colazion*",
            "pequenoalmoco", "cafedamanha", "brunch",
        ],
    ),
    (
        // What a baby sleeps or eats in: a child's bike seat or a children's menu is not it.
        Concept::BabyGear,
        &[
            "reisebett", "kinderbettchen", "bettchen", "babybett", "litbebe", "cot", "cots",
            "crib", "cribs", "trona", "seggiolone", "culla", "berco", "kinderbett", "hochstuhl",
            "cuna", "cunas", "lettino=",
        ],
    ),
    (
        Concept::Airport,
        &[
            "aeroport*", "airport", "aeropuerto", "flughafen", "aeroporto", "landed", "landing",
            "atterri*", "aterriz*", "gelandet", "atterrat*", "aterriss*",
        ],
    ),
    (
        Concept::Transport,
        &[
            "transport", "transports", "transportation", "transit", "transporte", "transportes", "trasport*", "mezzi", "nahverkehr", "opnv", "offis",
            "navette", "shuttle", "tram", "station", "bahnhof", "estacion", "stazione",
            "estacao", "train", "zug", "treno", "trem", "tren", "bus", "autobus", "metro",
            "subway", "u-bahn", "autocarro", "onibus",
            // Regional: Argentina, the Canaries and Caribbean, Brazil.
            "colectivo", "colectivos", "bondi", "guagua", "guaguas", "onibus",
            // Ferries.
            "ferry", "ferries", "traghetto", "traghetti", "transbordador",
            // Where it stops.
            "busstop", "parada", "paradas", "fermata", "fermate", "arret=", "arrets=", "haltestelle*",
        ],
    ),
    (
        Concept::Kitchen,
        &[
            "casserole*", "poele", "poeles", "vaisselle", "pot", "pots", "pans", "cookware", "dishes", "olla", "ollas", "sarten*", "topf", "topfe", "topfen", "pfanne*", "geschirr", "pentol*", "padell*", "stoviglie", "panela*", "tacho*", "frigideira*", "loica",
            "cuisine", "kitchen", "cocina", "kuche", "cucina", "cozinha", "equipe*", "equipped",
            "equipada", "ausgestattet", "attrezzat*", "equipad*", "cook", "cooking", "cocinar",
            "kochen", "cucinare", "cozinhar", "cuisiner", "ustensile*", "utensil*",
            // A corkscrew, in six languages ("tire-bouchon" is glued in `text`).
            "corkscrew", "sacacorchos", "korkenzieher", "cavatappi", "sacarolhas", "tirebouchon",
        ],
    ),
    // Kitchen appliances, one concept each ("Spülmaschine" finds "lave-vaisselle"). "four" is
    // also the English number: kept, since the oven is what a French FAQ means by it.
    (
        Concept::Dishwasher,
        &[
            "lavevaisselle", "dishwasher*", "lavavajillas", "lavaplatos", "lavalozas",
            "geschirrspuler*", "geschirrspulmaschine*", "spulmaschine*", "spuli", "lavastoviglie",
            "lavaloucas", "lavaloica",
        ],
    ),
    (
        Concept::Oven,
        &["four", "fours", "oven", "ovens", "horno", "hornos", "ofen", "backofen", "forno", "fornos"],
    ),
    (
        Concept::Microwave,
        &[
            "microondes", "microonde", "microwave*", "microondas", "mikrowelle*", "micro",
            "microonda",
        ],
    ),
    (
        Concept::Stove,
        &[
            "plaques", "plaque", "hob", "hobs", "stove", "stoves", "stovetop", "cooktop", "cooker",
            "induction", "induccion", "induktion*", "induzione", "inducao", "vitroceramica",
            "fogon", "fogones", "kochfeld*", "herdplatte*", "ceranfeld", "fornelli", "fornello",
            "fogao", "placa=", "placas=",
        ],
    ),
    (
        Concept::Coffee,
        &[
            "cafe", "cafes", "coffee", "cafetiere*", "cafeter*", "kaffee*", "caffe", "caffettiera",
            "capsule*", "capsula*", "kapsel*", "pods", "moka", "senseo",
            "pads", "dosette*", "cialda", "cialde",
        ],
    ),
    (
        Concept::Kettle,
        &[
            "kettle", "kettles", "bouilloire*", "hervidor", "wasserkocher*", "bollitore",
            "chaleira", "jarraelectrica",
        ],
    ),
    (
        Concept::Toaster,
        &[
            "toaster", "toasters", "grillepain", "tostador*", "tostapane",
            "torradeira",
        ],
    ),
    (
        Concept::Fridge,
        &[
            "frigo", "frigos", "refrigerateur*", "fridge", "fridges", "refrigerator*", "nevera*",
            "frigorifico", "refrigerador", "kuhlschrank*", "frigorifero", "geladeira",
            "frigorifico",
            // Regional: Argentina, Mexico, Québec, Brazil.
            "heladera", "heladeras", "frigobar", "frigidaire", "geladeira", "geladeiras",
        ],
    ),
    (
        Concept::Freezer,
        &[
            "congelateur*", "freezer*", "congelador*", "gefrierschrank*", "gefrierfach*",
            "tiefkuhl*", "congelatore", "freezer",
        ],
    ),
    (
        Concept::Dryer,
        &[
            "sechelinge", "dryer", "dryers", "tumbledryer", "secadora*", "trockner",
            "waschetrockner", "asciugatrice", "maquinadesecar",
            // Drying the clothes: "a máquina também seca a roupa?", "does it dry too?".
            "secher", "seche", "sechent", "dry", "dries", "drying", "secar", "seca", "secan",
            "seque", "sequen",
            "trocknen", "trocknet", "asciugare", "asciuga", "asciugano",
            // Québec.
            "secheuse", "secheuses",
        ],
    ),
    (
        Concept::Iron,
        &[
            "fer", "ferarepasser", "repasser", "repassage", "iron", "irons", "ironing", "plancha",
            "planchar", "bugeleisen*", "bugelbrett*", "bugeln", "ferro=", "stirare", "stiro",
            "ferrodastiro", "passarroupa", "ferrodepassar",
        ],
    ),
    (
        Concept::HairDryer,
        &[
            "sechecheveux", "hairdryer*", "secador", "secadores", "secadordepelo", "fohn", "fon",
            "haartrockner*", "phon", "fono", "asciugacapelli", "phon",
        ],
    ),
    (
        Concept::Vacuum,
        &[
            "aspirateur*", "vacuum", "hoover", "aspiradora*", "staubsauger*", "aspirapolvere",
            "aspirador*",
        ],
    ),
    (
        Concept::Cleaning,
        &[
            "menage=", "nettoyage", "cleaning", "cleaner", "cleaners", "limpieza", "limpiadora",
            "putzen", "putzmittel", "reinigung*", "endreinigung", "pulizia", "pulizie",
            "limpeza", "faxina", "serpilliere", "balai", "mop", "broom", "escoba", "fregona",
            "besen", "scopa", "vassoura", "esfregona",
        ],
    ),
    (
        Concept::Television,
        &[
            "tv", "tele", "televiseur*", "television*", "tvs", "televisor*",
            "fernseher*", "fernsehen", "televisore", "televisori", "televisao", "televisoes",
            "tivu",
            "smarttv", "chromecast",
            // British "telly"; streaming is watched on it.
            "telly", "netflix", "streaming",
        ],
    ),
    // Beach towels before the beach and the towels: another thing, often answered apart.
    (
        Concept::BeachTowels,
        &["beachtowels", "strandtuch", "strandtucher", "strandhandtuch*", "telomare", "telimare"],
    ),
    (
        Concept::Beach,
        &["plage=", "plages=", "beach", "beaches", "playa=", "playas", "strand=", "strande", "strandes", "spiaggia", "spiagge", "praia=", "praias", "mer", "meer", "mare",
            // Coves.
            "cala=", "calas=", "crique", "criques", "caletta", "calette", "enseada", "enseadas",
            "bucht", "buchten", "cove", "coves"],
    ),
    (
        Concept::Parasol,
        &[
            "parasol*", "sombrilla*", "sonnenschirm*", "ombrellon*", "guardasol*", "transat*",
            "deckchair*", "sunbed*", "lounger*", "tumbona*", "hamaca*", "liegestuhl*",
            "strandliege*", "sdraio", "espreguicadeira*",
            // Awnings shade the terrace as a parasol does.
            "toldo", "toldos", "markise*",
        ],
    ),
    (
        Concept::Barbecue,
        &[
            "barbecue*", "barbeque*", "bbq", "barbacoa*", "grill=", "grills", "grillen", "grillplatz",
            "griglia", "grigliata", "churrasqueira", "churrasco", "parrilla=", "parrillas=", "asador",
            "grelha",
            // What it burns.
            "charbon", "charcoal", "carbon", "grillkohle", "holzkohle", "carbonella", "carvao",
        ],
    ),
    (
        Concept::Bike,
        &[
            "velo", "velos", "vtt", "bike", "bikes", "bicycle*", "cycling", "bici", "bicis",
            "bicicleta*", "bicicletta", "biciclette", "fahrrad*", "fahrrader", "rad", "rader",
            "ebike", "ebikes",
        ],
    ),
    (
        Concept::Motorbike,
        &[
            "moto", "motos", "motorbike*", "motorcycle*", "motorrad*", "motocicleta*",
            "motocicletta", "scooter*",
        ],
    ),
    // Charging an electric car ("borne", "Wallbox"): a phone charger is not one.
    (
        Concept::ElectricCar,
        &[
            "electriccar", "borne=", "bornes=", "wallbox", "ladestation*", "ladesaule*",
            "colonnina*", "colonnine", "supercharger", "recharge", "recharger", "recharging",
            "ricarica", "ricaricare", "recarga", "recargar", "carregamento", "aufladen",
            "elektroauto*", "ladekabel",
            // Charging the car: "charge our Tesla", "onde carrego o carro elétrico?".
            "charge", "charging", "tesla", "carregar", "carrego", "carregamos", "cargar",
            "cargamos", "caricare",
        ],
    ),
    (
        Concept::QuietHours,
        &[
            "calme=", "silence", "quiet=", "quietness", "silencio", "nachtruhe", "ruhezeit*",
            "mittagsruhe", "silenzio", "tranquillita", "sossego",
            // Noise and music, what quiet hours are about.
            "bruit", "bruits", "bruyant*", "noise=", "noisy=", "ruido", "ruidos", "ruidoso*", "larm",
            "rumore", "rumori", "rumoros*", "barulho", "barulhent*", "musique", "music",
            "musica", "musik",
        ],
    ),
    (
        Concept::Party,
        &[
            "fete", "fetes", "feter", "party=", "parties", "fiesta", "fiestas", "feier", "feiern", "feiert", "party's",
            "festa", "feste", "festas", "celebrate", "celebrar", "festeggiare", "anniversaire",
            "birthday", "cumpleanos", "geburtstag*", "compleanno", "aniversario",
        ],
    ),
    (
        Concept::Visitors,
        &[
            // Inviting ("si on invite quelques amis"); not "invités", a wifi network's name.
            "inviter", "invitons", "invite", "invitar", "invitamos", "einladen", "invitare",
            "invitiamo", "convidar", "convidamos",
            "visiteur*", "visitor*", "visita", "visitas", "visite", "besuch", "besucher*",
            "besuchen", "ospiti", "ospite", "visitantes", "amis", "friends", "amigos", "amigas",
            "freunde", "freundin*", "amici", "amiche",
        ],
    ),
    (
        Concept::Deposit,
        &[
            "caution", "depotgarantie", "deposit", "deposits", "fianza", "deposito", "kaution",
            "cauzione", "caucao", "garantia",
        ],
    ),
    (Concept::Fee, &["frais", "fee", "fees", "gebuhr*", "spese", "tarifa", "tarifas"]),
    (
        Concept::TouristTax,
        &["taxesejour", "touristtax", "citytax", "tasaturistica", "kurtaxe", "tassasoggiorno", "taxaturistica"],
    ),
    // Before the cancellations: the Italian "cancello" is a gate, not "cancel*".
    (
        Concept::Gate,
        &[
            "portail=", "portails=", "gate=", "gates=", "porton=", "portones=", "einfahrtstor",
            "hoftor", "gartentor", "cancello=", "cancelli=", "portao=", "portoes=",
        ],
    ),
    (
        Concept::Cancellation,
        &[
            "annul*", "cancel*", "cancelac*", "cancelar", "cancela", "storn*", "annull*",
            "disdett*", "disdire", "cancelamento", "cancelar", "anular", "anulacion",
            // Being refunded is what a cancellation policy says.
            "rembours*", "refund*", "reembols*", "ruckerstatt*", "rimbors*",
        ],
    ),
    (
        Concept::Invoice,
        &[
            "facture", "factures", "invoice*", "receipt*", "factura", "facturas", "rechnung*", "quittung", "fattura", "fatture",
            "ricevuta", "fatura", "faturas", "recibo",
            // A company's tax number is asked only for an invoice.
            "nif", "cif", "siret", "vat", "cnpj", "partitaiva", "ustid",
        ],
    ),
    (
        Concept::Lift,
        &[
            "ascenseur*", "lift", "lifts", "elevator*", "ascensor*", "aufzug*", "fahrstuhl",
            "ascensore", "elevador*",
        ],
    ),
    (
        Concept::Floor,
        &[
            "etage", "etages", "floor", "floors", "stairs", "staircase", "escalier*", "escalera*",
            "treppe*", "stockwerk", "escada*", "scalini", "gradini",
        ],
    ),
    (
        Concept::Accessibility,
        &[
            "fauteuilroulant", "wheelchair*", "silladeruedas", "rollstuhl*", "sediaarotelle",
            "cadeiraderodas", "pmr", "accessible", "accessibilite", "accessibility", "accesible",
            "accesibilidad", "barrierefrei*", "accessibile", "accessibilita", "acessivel",
            "acessibilidade",
        ],
    ),
    (
        Concept::Pharmacy,
        &[
            "pharmacie*", "pharmacy", "pharmacies", "chemist", "chemists", "drugstore", "farmacia*",
            "apotheke*", "farmacie",
            // What it sells.
            "paracetamol", "ibuprofen*", "ibuprofeno", "aspirin*", "aspirina", "medicament*",
            "medikament*", "medicamento*", "medicinale", "medicinali",
        ],
    ),
    (
        Concept::Doctor,
        &[
            "medecin*", "docteur*", "doctor*", "gp", "medico", "medicos", "arzt", "arztin", "arzte",
            "dottore", "dottoressa", "cabinetmedical",
            // Hospitals and clinics (an emergency is still `urgency`'s).
            "hopital", "hospital", "hospitais", "krankenhaus", "ospedale", "clinique", "clinica",
            "klinik",
        ],
    ),
    (
        Concept::TownCentre,
        &[
            "centreville", "centre", "center", "centre's", "downtown", "centro", "zentrum",
            "innenstadt", "altstadt", "citycentre", "oldtown", "vieilleville",
        ],
    ),
    (
        Concept::Restaurant,
        &[
            "restaurant*", "restaurante*", "ristorant*", "trattoria*", "pizzeria*", "gaststatte",
        ],
    ),
    (
        Concept::Shutters,
        &[
            "volet=", "volets", "shutter*", "blinds", "persiana*", "rollladen", "rolladen",
            "rollladen", "jalousie*", "tapparell*", "persian*", "estore", "estores",
        ],
    ),
    (
        Concept::Mosquito,
        &[
            "moustique*", "mosquito*", "mosquitera*", "mosquitos", "mucke", "mucken", "gelsen",
            "schnake*", "insektenschutz*", "fliegengitter", "zanzar*", "mosquiteiro*",
            "pernilongo*",
        ],
    ),
    (
        Concept::SelfCheckIn,
        &[
            "selfcheckin", "autonome*", "autonomie", "autonomia", "autonomo", "autonoma",
            // Getting in on one's own ("on peut entrer seuls ?", "da soli", "sozinhos").
            "seul", "seuls", "seule", "seules", "alone", "allein", "alleine", "soli", "sozinho",
            "sozinhos", "sozinha", "sozinhas", "selbststandig",
        ],
    ),
    (
        Concept::Intercom,
        &[
            "interphone*", "intercom*", "digicode", "portero", "porteiro", "gegensprechanlage",
            "klingel", "sonnette", "doorbell", "citofono", "campanello", "interfone",
            "campainha",
            // Ringing at the door.
            "sonner", "sonnent", "sonnez", "buzzer", "klingeln", "klingelt", "suonare",
            "suonano", "citofonare",
        ],
    ),
    (
        Concept::ExtraBed,
        &["extrabed", "litappoint", "zustellbett*", "gastebett*", "camasupletoria", "lettoaggiuntivo", "brandina"],
    ),
    (
        Concept::Sofa,
        &[
            "canape", "canapes", "canapelit", "sofa", "sofas", "sofabed", "couch=", "schlafsofa",
            "schlafcouch", "bettsofa", "divano", "divani", "divanoletto", "sofacama", "convertible",
        ],
    ),
    (
        Concept::Blanket,
        &[
            "couverture*", "couette*", "plaid", "blanket*", "duvet*", "quilt", "manta", "mantas",
            "edredon*", "decke", "decken", "bettdecke*", "wolldecke*", "coperta", "coperte",
            "piumone", "cobertor*", "edredom", "edredoes",
        ],
    ),
    (
        Concept::Pillow,
        &[
            "oreiller*", "pillow*", "almohada*", "kopfkissen", "kissen", "cuscino", "cuscini",
            "travesseiro*",
        ],
    ),
    (
        Concept::Shower,
        &["douche", "douches", "shower*", "ducha*", "dusche*", "doccia", "docce", "chuveiro*", "duche", "regadera", "regaderas"],
    ),
    (
        Concept::Bathtub,
        &["baignoire*", "bathtub*", "tub", "bath", "baths", "banera", "banadera", "badewanne*", "vasca", "banheira*"],
    ),
    (
        Concept::ToiletPaper,
        &["toiletpaper", "klopapier", "toilettenpapier", "papelhigienico", "cartaigienica"],
    ),
    (
        Concept::Toiletries,
        &[
            "savon*", "soap*", "shampo*", "shampoing*", "jabon*", "champu", "seife*", "duschgel",
            "sapone", "bagnoschiuma", "sabonete*", "sabao", "gel", "conditioner", "toiletries",
        ],
    ),
    (
        Concept::FirstAid,
        &["firstaid", "botiquin", "verbandskasten", "verbandkasten"],
    ),
    (
        Concept::Safe,
        &["coffrefort", "cajafuerte", "tresor", "cassaforte", "cofre", "safebox"],
    ),
    (
        Concept::Games,
        &[
            "jouet*", "toys", "juguete*", "spielzeug*", "giocattol*", "brinquedo*",
            "jeux", "boardgames", "games", "juegos", "spiele", "brettspiele", "gesellschaftsspiele",
            "giochi", "jogos", "puzzle*", "playstation", "console*",
            // Billiards, table tennis, table football, darts (a pool table is no pool).
            "billard", "billiard*", "billar", "biliardo", "bilhar", "pingpong", "babyfoot",
            "foosball", "futbolin", "calciobalilla", "matraquilhos", "flechettes", "darts",
            "tischtennis", "tischkicker",
        ],
    ),
    (
        Concept::Playground,
        &["playground*", "airejeux", "parqueinfantil", "spielplatz*", "parcogiochi", "parquinho"],
    ),
    (
        Concept::Garden,
        &["jardin", "jardins", "garden*", "garten", "giardino", "giardini", "jardim", "yard", "backyard"],
    ),
    (
        Concept::HotTub,
        &[
            "jacuzzi*", "spa", "spas", "hottub", "whirlpool*", "hidromasaje", "idromassaggio",
            "hidromassagem", "bainnordique", "bainremous",
        ],
    ),
    (
        Concept::Sauna,
        &["sauna*", "hammam", "steamroom", "banoturco", "dampfbad", "bagnoturco"],
    ),
    (
        Concept::Gym,
        &["gym", "gyms", "fitness*", "gimnasio", "fitnessstudio", "fitnessraum", "palestra", "sallesport"],
    ),
    (Concept::Tennis, &["tennis", "tenis", "padel", "squash"]),
    (
        Concept::Fan,
        &["ventilateur*", "fan", "fans", "ventilador*", "ventilator*", "ventilatore*", "ventoinha"],
    ),
    (
        Concept::Neighbours,
        &["voisin", "voisins", "voisine*", "neighbo*", "vecino*", "vecina*", "nachbar*", "vizinho*", "vizinha*"],
    ),
    (
        Concept::Fireplace,
        &[
            "cheminee*", "fireplace*", "woodburner", "chimenea*", "kamin*", "camino", "caminetto",
            "lareira*", "firewood", "brennholz", "legna", "lenha", "holz", "lena", "buches",
            // Wood stoves: German, Portuguese (glued phrases in `text`).
            "holzofen", "kaminofen", "schwedenofen", "salamandra",
            "buche", "logs",
        ],
    ),
    (
        Concept::SkiRoom,
        &[
            "skis", "ski", "skiroom", "localski", "skiraum", "skikeller", "skischrank",
            "snowboard*", "ski's",
            // Spanish, Portuguese and Italian skis.
            "esqui", "esquis", "sci", "skischuhe", "scarponi",
        ],
    ),
    // A padlock (of the bikes, of a gate) is not the keys of the place.
    (
        Concept::Padlock,
        &[
            "cadenas", "padlock*", "candado*", "vorhangeschloss", "lucchetto",
            "cadeado*",
        ],
    ),
    (Concept::Taxi, &["taxi", "taxis", "vtc", "cab", "cabs"]),
    (
        Concept::Mattress,
        &[
            "matelas", "mattress*", "colchon", "colchones", "matratze*", "materass*", "colchao",
            "colchoes",
        ],
    ),
    (
        Concept::GasBottle,
        &[
            "bouteilledegaz", "gasbottle", "bombona*", "gasflasche*", "bombola*", "botija*",
            // Matched as written: "buttano" (they throw away) is no butane.
            "botijao=", "propane=", "butane=", "butano=", "propano=",
        ],
    ),
    (
        Concept::Plug,
        &[
            "adaptateur*", "adaptador*", "adapter", "adapters", "adattatore*", "steckdose*",
            "enchufe*", "socket", "sockets", "outlet", "outlets", "priseelectrique",
            "presaelettrica", "tomadaeletrica",
        ],
    ),
    (
        Concept::Workspace,
        &[
            "imprimante*", "printer=", "printers=", "impresora*", "drucker=", "stampante", "stampanti",
            "impressora*", "desk=", "desks=", "escritorio=", "schreibtisch*", "scrivania",
            "coworking", "workspace", "homeoffice",
        ],
    ),
    (
        Concept::Discount,
        &[
            "reduction=", "reductions=", "remise=", "discount*", "descuento*", "rabatt*",
            "sconto", "sconti", "desconto*",
        ],
    ),
    (
        Concept::SepticTank,
        &[
            "fosseseptique=", "septic=", "septictank=", "fosaseptica=", "fossasettica=",
            "fossaseptica=", "klargrube=", "sickergrube=",
        ],
    ),
    (
        Concept::FarmProduce,
        &[
            "oeufs=", "oeuf=", "eggs=", "egg=", "huevos=", "huevo=", "eier=", "uova=", "uovo=", "ovos=",
            "ovo=", "farmproduce=", "hofladen=",
        ],
    ),
    (
        Concept::Wine,
        &[
            "vin", "vins", "wine", "wines", "vino", "vini", "vinos", "wein", "weine", "vinho",
            "vinhos", "caveavin", "winecellar", "caviste", "degustation*", "tasting*", "cata=",
            "catas", "weinprobe*", "weinkeller", "degustazion*", "degustacao", "degustacoes",
            "vignoble*", "vineyard*", "vinedo*", "weingut", "weinberg*", "vigneto", "vigneti",
            "vinha", "vinhas", "adega", "adegas", "enoteca", "winery",
        ],
    ),
    (
        Concept::FarmAnimals,
        &[
            "poules=", "poule=", "hens=", "chickens=", "gallinas=", "huhner=", "galline=", "galinhas=",
            "chevaux=", "cheval=", "horses=", "horse=", "caballos=", "caballo=", "pferde=", "pferd=",
            "cavalli=", "cavallo=", "cavalos=", "cavalo=", "anes=", "donkeys=", "moutons=", "sheep=",
            "ovejas=", "schafe=", "pecore=", "ovelhas=", "chevres=", "goats=", "cabras=", "ziegen=",
            "capre=", "vaches=", "cows=", "vacas=", "kuhe=", "mucche=",
        ],
    ),
    (
        Concept::VegetableGarden,
        &[
            "potager=", "vegetablegarden=", "huerto=", "huerta=", "gemusegarten=", "orto=", "horta=",
        ],
    ),
    (
        Concept::SkiSchool,
        &[
            "ecoledeski=", "esf=", "skischool=", "skischule=", "skikurs*", "skilehrer*",
            "scuolasci=", "escueladeesqui=", "escoladeski=", "coursdeski=", "skilessons=",
            "maestrodisci=",
        ],
    ),
    (
        Concept::Sledge,
        &[
            "luge=", "luges=", "sledge=", "sledges=", "sled=", "sleds=", "sledding=", "sledging=", "trineo=",
            "trineos=", "schlitten=", "rodeln=", "rodel=", "slittino=", "slittini=", "toboggan*",
        ],
    ),
    (
        Concept::Snowshoes,
        &[
            "raquettes=", "snowshoe*", "raquetasdenieve=", "schneeschuh*", "ciaspol*",
            "raquetesdeneve=",
        ],
    ),
    (
        Concept::WaterSports,
        &[
            "kayak*", "canoe=", "canoes=", "paddle=", "paddles=", "paddleboard*", "standuppaddle=", "snorkel*",
            "tuba=", "masquetuba=", "piragua*", "kanu=", "kanus=", "schnorchel*", "canoa=", "canoas=",
            "caiaque*", "pranchadepaddle=",
        ],
    ),
    (
        Concept::SkiPass,
        &[
            "forfaitski=", "skipass*", "liftpass*", "liftkarte*", "skiticket*",
        ],
    ),
    (
        Concept::Slopes,
        &[
            "pistes", "slopes", "slope", "pistas", "pista", "piste", "pisten", "skigebiet*", "skilifts",
            "remontees", "telesiege*", "teleski*", "telecabine*", "skilift*", "sessellift*",
            "seggiovia*", "telesilla*", "domaineskiable",
        ],
    ),
    (
        Concept::SnowChains,
        &[
            "chainesneige", "pneusneige", "schneekette*", "winterreifen", "chaines=",
        ],
    ),
    (
        Concept::Rental,
        &[
            "louer", "loue", "louez", "louent", "louons", "rent", "renting", "hire", "hiring",
            "alquilar", "alquilan", "alquilais", "alquila", "mieten", "mietet", "ausleihen",
            "leihen", "verleih*", "noleggi*", "affittare", "affittate", "alugar", "alugam",
            "aluga", "alugamos", "alugo",
        ],
    ),
    (
        Concept::DrinkingWater,
        &[
            "eaupotable", "potable", "drinkable", "drinkingwater", "aguapotable", "trinkwasser",
            "trinkbar", "acquapotabile", "potabile", "aguapotavel", "potavel", "tapwater",
        ],
    ),
    (
        Concept::Mail,
        &[
            "boitelettres", "mailbox", "letterbox", "buzon", "briefkasten", "cassettaposta",
            "caixacorreio", "courrier", "colis", "parcel*", "paquete*", "paket*", "pacco",
            "pacchi", "encomenda*",
            // Deliveries: "can it be delivered to the flat?".
            "deliver*", "livraison*", "livrer", "liefer*", "packchen", "amazon",
        ],
    ),
    (
        Concept::Activities,
        &[
            "activite*", "activities", "activity", "thingstodo", "actividad*", "aktivitat*",
            "attivita", "atividade*", "sightseeing", "excursion*", "ausflug*", "gita",
            "passeio*",
        ],
    ),
    (
        Concept::Hiking,
        &[
            "randonnee*", "rando", "randos", "hiking", "hike", "hikes", "senderismo", "sendero*",
            "wandern", "wanderung*", "wanderweg*", "escursionismo", "trekking", "trilha*",
            "caminhada*",
        ],
    ),
    (
        Concept::DryingRack,
        &[
            "etendoir*", "sechoir*", "dryingrack", "clothesline", "tendedero*", "waschestander*",
            "stendino", "stendibiancheria", "estendal", "varal",
        ],
    ),
    (
        Concept::Stroller,
        &[
            "poussette*", "stroller*", "pushchair*", "buggy", "pram", "cochecito*", "carrito",
            "kinderwagen*", "passeggino", "carrinho",
        ],
    ),
    (
        Concept::Pantry,
        &[
            "huile", "sel", "poivre", "epice", "epices", "condiment*", "sucre", "oil", "salt", "pepper",
            "spice*", "sugar", "aceite", "especia*", "pimienta", "azucar", "salz", "pfeffer",
            "gewurz*", "zucker", "olio", "spezie", "zucchero", "azeite", "tempero*", "pimenta",
            "acucar", "basics", "essentials",
            // Milk.
            "lait", "milk", "leche", "milch", "latte", "leite",
        ],
    ),
    (Concept::Alarm, &["alarme", "alarmes", "alarm", "alarms", "alarma", "alarmanlage", "allarme"]),
    (
        Concept::Payment,
        &[
            // The nouns and the ways to pay; the verbs name what is paid for (`no_topic`).
            "paiement*", "payment*", "pago", "pagos", "zahlung*", "pagamento*", "cartebancaire", "creditcard", "cash",
            "especes", "efectivo", "bargeld", "contanti", "kreditkarte", "virement",
            // A part paid in advance.
            "acompte", "acomptes", "anzahlung", "caparra", "arras",
            "banktransfer", "transferencia", "uberweisung", "bonifico",
        ],
    ),
    (
        Concept::Capacity,
        &[
            "personnes", "people", "persons", "personas", "personen", "persone", "pessoas",
            "huespedes", "hospedes",
            "capacite", "capacity", "capacidad", "kapazitat", "capacita", "capacidade",
            "occupants",
        ],
    ),
    (
        Concept::Bakery,
        &[
            "backer", "baker", "bakers", "boulanger", "panadero", "fornaio", "panificio", "padeiro",
            "boulangerie*", "bakery", "bakeries", "panaderia*", "backerei*", "padaria*",
            "panetteria",
            // What it sells: "the nearest bakery for croissants".
            "croissant*", "baguette*", "brotchen", "pastry", "pastries", "viennoiserie*", "cornetti", "brioche*", "pao", "paes", "medialuna*", "facturas",
        ],
    ),
    (
        Concept::Shops,
        &[
            "courses", "supermarche*", "superette", "epicerie", "magasin*", "shop", "shops",
            "shopping", "supermarket*", "grocer*", "groceries", "store", "stores", "supermercado*",
            "tienda*", "compras", "supermarkt", "einkaufen", "lebensmittel*", "supermercat*",
            "spesa", "negozi*", "mercearia", "alimentari",
            // Corner shops: Québec, Mexico, Argentina, Brazil, Switzerland.
            "depanneur", "depanneurs", "tiendita", "abarrotes", "almacen", "kiosko", "mercadinho", "quitanda", "spar", "coop", "migros",
            // Food shops: "un magasin d'alimentation".
            "alimentation", "alimentari", "lebensmittel*", "alimentacion", "comestibles", "groceries", "grocery",
        ],
    ),
    (
        Concept::Market,
        &[
            "mercadillo*", "market", "markets", "markt", "markte", "wochenmarkt*", "mercado",
            "mercados", "mercato", "mercati", "feira", "feiras",
        ],
    ),
    (
        Concept::Luggage,
        &[
            "bagage*", "valise*", "luggage", "baggage", "bags", "suitcase*", "equipaje", "maleta*",
            "gepack*", "koffer", "bagagl*", "valigi*", "bagage", "bagagem", "bagagens", "malas",
            "deposer", "drop", "abstellen",
        ],
    ),
    (
        Concept::Electricity,
        &[
            "sicherung*",
            "light", "lights", "lumiere", "lumieres", "licht", "breaker", "breakers", "plombs", "disjonct*",
            "electricite", "courant", "electricity", "power", "electricidad", "luz", "strom",
            "elettricita", "corrente", "luce", "energia", "eletricidade", "fusible*", "fuse*",
            "sicherung", "disjoncteur",
        ],
    ),
    (
        Concept::Address,
        &[
            "adresse", "address", "direccion", "indirizzo", "endereco", "gps",
        ],
    ),
    (
        Concept::Balcony,
        &[
            "balcon*", "terrasse*", "terraza*", "balkon*", "terrazz*", "varanda*", "terraco*",
            // Québec ("fumer sur la galerie"); not "une galerie d'art" as a typo.
            "galerie=", "galeries=",
        ],
    ),
    (
        Concept::Room,
        &[
            "chambre", "chambres", "bedroom*", "room", "rooms", "habitacion*", "dormitorio*",
            "zimmer", "schlafzimmer", "camera", "camere", "stanza", "quarto", "quartos",
            // Regional: Mexico; Portuguese.
            "recamara", "recamaras", "quarto", "quartos",
        ],
    ),
    (
        Concept::Open,
        &[
            "abro", "abrimos", "apro", "apriamo", "ouvrir", "ouvrons", "offnen",
            "abre", "abren", "abrir", "ouvre", "ouvrent", "opens", "opening", "offnet", "apre", "aprono","ouvert*", "open", "opened", "abiert*", "geoffnet", "offen", "apert*", "abert*"],
    ),
    (
        Concept::Bed,
        &[
            "lit", "lits", "bed", "beds", "cama", "camas", "bett", "betten", "letto", "letti",
        ],
    ),
];

/// The concept a folded word names, if any.
pub fn concept(word: &str) -> Option<Concept> {
    CONCEPTS.iter().find_map(|(concept, forms)| {
        forms
            .iter()
            .any(|form| match form.strip_suffix('*') {
                Some(prefix) => word.starts_with(prefix),
                None => form.trim_end_matches('=') == word,
            })
            .then_some(*concept)
    })
}

/// The wider concept a guest's word also asks about: "where is the bakery?" is answered by an
/// entry on where to shop, while "where is the supermarket?" is not answered by the bakery's.
/// Only the guest's side widens, never the FAQ's.
pub fn broader(concept: Concept) -> Option<Concept> {
    match concept {
        Concept::Bakery | Concept::Market => Some(Concept::Shops),
        _ => None,
    }
}

/// The concepts an entry's word is also about: a cot or a high chair is for the baby, so "¿tienen
/// cuna para el bebé?" is answered by "Avez-vous un lit bébé ?", while an entry that only
/// mentions a child (a child's bike) does not answer a question about a cot. Only the FAQ's
/// side widens.
pub fn implied(concept: Concept) -> &'static [Concept] {
    match concept {
        // Not the bed as well: "a bigger bed for the kids" asks for no cot.
        Concept::BabyGear => &[Concept::Baby],
        _ => &[],
    }
}

/// The concept of a word that is one typo away from a lexicon word ("parkign", "wiffi").
pub fn concept_despite_typo(word: &str) -> Option<Concept> {
    if word.chars().count() < 5 {
        return None;
    }
    let typo_of = |form: &&str| {
        form.chars().next() == word.chars().next()
            && match form.strip_suffix('*') {
                // A prefix: compare the word's start, one letter longer or shorter.
                Some(prefix) if prefix.len() >= 5 => (prefix.len() - 1..=prefix.len() + 1)
                    .filter_map(|n| word.get(..n))
                    .any(|start| super::text::one_typo_apart(start, prefix)),
                Some(_) => false,
                None => {
                    !form.ends_with('=')
                        && form.len() >= 5
                        && super::text::misspelling_of(word, form)
                }
            }
    };
    CONCEPTS
        .iter()
        .find_map(|(concept, forms)| forms.iter().any(typo_of).then_some(*concept))
}

/// Words with no topic in any of the six languages (folded), including the polite and
/// question-forming phrases guests wrap around what they want.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    // French
    "jusqua", "simple", "facile", "jusqu", "jusque", "vient", "viennent", "venez", "appart", "cest", "jeter", "jette", "jetons", "loin", "matin",
    "bcp", "pouvoir", "pourrait", "pourrions", "pourriez", "arrange", "souhaite", "souhaitons",
    "venir", "viens", "venons", "possibles",
    "apporter", "amener", "met", "mets", "mettre", "recupere", "recuperons", "allume", "allumer", "droit", "interieur", "meilleur", "moyen", "rejoindre", "pres", "laisser", "peu", "dernier", "jour", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "auriez", "serait", "seraient", "prendre", "vers", "environ", "oh",
    "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "en",
    "est", "et", "etre", "il", "ils", "je", "la", "le", "les", "leur", "lui", "ma", "mais", "me",
    "mes", "mon", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que",
    "qui", "sa", "se", "ses", "son", "sur", "ta", "te", "tes", "ton", "tu", "un", "une", "vos",
    "votre", "vous", "y", "c", "d", "j", "l", "m", "n", "s", "t", "quel", "quelle", "quels",
    "quelles", "bonjour", "merci", "svp", "stp", "possible", "peut", "puis", "peux", "pouvons",
    "pouvez", "peuvent", "faut", "fait", "faire", "sont", "ai", "as", "avez", "avons", "ont",
    "bien", "tres", "plus", "ici", "comment", "quoi", "savoir", "voudrais", "voudrions",
    "aimerais", "aimerions", "besoin", "connaitre", "dire", "alors", "aussi", "donc", "disponible",
    "disponibles", "fournis", "fourni", "fournie", "fournies", "inclus", "acceptes", "accepte",
    "autorise", "autorises", "existe", "ya", "trouve", "trouver", "utiliser", "recuperer", "salut",
    "coucou", "bonsoir", "svp", "logement", "appartement", "maison", "sejour", "est-ce", "estce",
    "ca", "cela", "ceci", "nuit", "soir", "demain", "aujourd", "hui", "quelqu", "chose", "prevu",
    "prevue", "dispose", "disposez", "avoir", "fonctionne", "marche", "ok", "demande", "demander",
    "renseigner", "info", "infos", "information", "informations", "question", "vers", "depuis",
    "chez", "pouvoir", "doit", "dois", "devons", "vais", "va", "allons", "sommes", "suis", "etes",
    "avant", "apres",
    // Everyday words of the six languages that say where, how big or how politely, never what
    // about: the place and its building (every question is about them), sizes, chat spellings
    // ("ke", "q", "pfv"), fillers ("du coup", "genau", "tipo").
    "quelquepart", "enattendant", "ducoup", "contre", "livret", "dispo", "dispos", "immeuble", "residence", "endroit", "petit", "petite", "petits", "petites", "grand", "grande", "grands", "grandes",
    "aimerait", "aimeraient", "voudrait", "voudraient", "vraiment", "totalement", "completement", "gratuit", "gratuite",
    "totally", "completely", "really", "free", "able",
    "realmente", "gratis", "gratuita", "sacar", "sacamos",
    "wirklich", "besten", "beste", "macht", "machen", "kostenlos", "umsonst", "rausbringen",
    "davvero", "gratuito", "gratuiti", "faccio", "facciamo",
    "faco", "faz", "fazemos", "hago", "hace", "fais", "faisons",
    "somewhere", "reach", "quick", "q", "k", "small", "little", "big", "building", "spot", "sorry", "public", "stuff",
    "sitio", "lugar", "edificio", "pequeno", "pequena", "pequenos", "pequenas", "pone", "ponemos", "pongo", "encender", "enciende", "enciendo", "prender", "prende", "xq", "pq", "porfa",
    "genau", "ungefahr", "etwa", "gebaude", "klein", "kleine", "kleinen", "kleiner", "kleines", "gross", "grosse", "grossen", "anmachen", "einschalten", "mache",
    "ke", "fino", "posto", "palazzo", "edificio", "piccolo", "piccola", "piccoli", "piccole", "accendere", "accendo", "accende", "grande",
    "tipo", "pfv", "pf", "ape", "apto", "predio", "lugar", "permitido", "permitida", "permitidos", "permitidas", "pequeno", "pequena",
    // English
    "simplest", "easiest", "easy", "throw", "far", "chance", "somewhere", "anywhere", "gonna", "wanna", "let's", "morning",
    "off", "before", "after", "possible", "come", "coming", "bring",
    "bring", "own", "put", "pick", "turn", "switch", "inside", "best", "way", "near", "nearby", "nearest", "close", "closest", "last", "day", "bit", "around", "into", "oh", "work", "works", "need", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lot", "lots", "there", "we're",
    "the", "an", "is", "are", "and", "i", "you", "we", "for", "not", "of", "to", "what", "where",
    "how", "hello", "hi", "hey", "thanks", "thank", "with", "my", "it", "there", "on", "in",
    "this", "that", "can", "do", "does", "be", "please", "at", "your", "our", "me", "any", "some",
    "could", "would", "will", "us", "if", "or", "from", "get", "want", "need", "know", "like",
    "tell", "have", "has", "am", "was", "were", "which", "there's", "s", "isn", "don", "available",
    "provided", "included", "allowed", "ok", "find", "use", "possible", "place", "apartment",
    "flat", "house", "property", "tonight", "tomorrow", "today", "also", "just",
    "wondering", "wanted", "ask", "question", "info", "should", "may", "might", "let", "them",
    "they", "its", "here", "about", "a", "able", "so", "by", "too", "good", "up", "pls", "plz",
    "whats", "what's", "wat", "r", "u", "ur", "there", "ll", "d", "m", "re", "ve", "going", "go",
    "there're", "exactly", "again",
    // Spanish
    "sencillo", "facil", "dejan", "deja", "lejos", "tirar", "manana", "vez", "pasa", "podriamos", "podria",
    "posible", "venir", "vamos", "traemos",
    "admiten", "admite", "admitidos", "seria", "mas", "tira", "tiramos", "recogemos", "recoger", "desde", "cerca", "dejar", "dejamos", "llevar", "traer", "ultimo", "dia", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "nuestra", "nuestros", "hasta", "poner",
    "el", "los", "las", "es", "y", "yo", "usted", "ustedes", "para", "no", "cual", "cuales",
    "donde", "como", "hola", "gracias", "con", "mi", "mis", "hay", "esta", "este", "estan",
    "puedo", "podemos", "puede", "pueden", "tienen", "teneis", "tiene", "tengo", "una", "uno",
    "del", "al", "por", "favor", "lo", "le", "les", "su", "sus", "nuestro", "nuestra", "se", "si",
    "ser", "estar", "saber", "quisiera", "queria", "necesito", "hacer", "algun", "alguna", "piso",
    "apartamento", "casa", "alojamiento", "disponibles", "permiten", "permitidos", "incluido",
    "incluidas", "incluye", "dan", "buenosdias", "buenastardes", "buenasnoches", "vale", "muy",
    "tambien", "pero", "hoy", "manana", "noche", "estamos", "somos", "encontrar", "usar",
    "funciona", "sabe", "decir",
    // German
    "einfachste", "einfach", "dabei", "funktionieren", "habt", "hast", "bekomme", "kriegen", "kriege", "werfen", "wegwerfen", "entsorgen", "schon",
    "mal", "denn", "eigentlich", "weit", "morgens", "kommen", "konnten", "konnte",
    "moglich", "kommen", "eine", "einer", "vorher", "nach",
    "mitbringen", "mitnehmen", "wohin", "bekommen", "abholen", "kommen", "kommt", "hin", "nachste", "nachsten", "nahe", "lassen", "unseren", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "letzten", "tag", "lautet", "vor",
    "der", "die", "das", "ist", "und", "ich", "sie", "wir", "fur", "nicht", "was", "wo", "wie",
    "hallo", "danke", "mit", "mein", "meine", "gibt", "es", "im", "kann", "konnen", "haben", "hat",
    "gutentag", "gutenmorgen", "gutenabend", "bitte", "ein", "eine", "einen", "einem", "den",
    "dem", "des", "uns", "unser", "unsere", "unseren", "zu", "zum", "zur", "von", "vom", "auf",
    "an", "am", "in", "ob", "welche", "welcher", "welches", "darf", "durfen", "noch", "auch",
    "man", "wohnung", "haus", "unterkunft", "vorhanden", "erlaubt", "inklusive", "gestellt",
    "bereitgestellt", "finden", "benutzen", "nutzen", "wissen", "mochte", "mochten", "wurde",
    "wurden", "ja", "sehr", "heute", "morgen", "abend", "nacht", "sind", "bin", "habe", "bis",
    "ab", "wieviel", "gerne", "kurze", "frage", "funktioniert", "da", "dort", "hier", "wer",
    "sagen", "soll", "sollen", "muss", "mussen", "werden", "wird",
    // Italian
    "semplice", "trova", "trovano", "lontano", "mattina", "potremmo", "potrebbe", "riusciamo",
    "possibile", "venire", "veniamo", "dopo",
    "entro", "nell", "nella", "nel", "dell", "all", "sull", "dall", "dal", "portare", "nostro", "nostra", "buttiamo", "buttare", "ritiriamo", "ritirare", "prendere", "vicino", "vicina", "lasciare", "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato", "domenica", "ultimo", "giorno", "avant",
    "il", "lo", "gli", "e", "ed", "io", "noi", "per", "non", "che", "quale", "quali", "dove",
    "come", "ciao", "grazie", "con", "mio", "mia", "c", "ci", "sono", "della", "dello", "della",
    "dei", "delle", "nel", "nella", "posso", "possiamo", "avete", "buongiorno", "buonasera", "un",
    "uno", "una", "di", "da", "dal", "alla", "allo", "ai", "sapere", "vorrei", "vorremmo", "fare",
    "appartamento", "alloggio", "disponibile", "disponibili", "forniti", "fornite", "inclusi",
    "ammessi", "consentito", "permesso", "trovare", "usare", "salve", "molto", "anche", "oggi",
    "domani", "sera", "notte", "siamo", "si", "puo", "possono", "potete", "dire", "funziona",
    "qual", "quanto", "ce", "dovrei", "dobbiamo",
    // Portuguese
    "melhor", "forma", "ir", "fica", "ficam", "ligo", "ligar", "liga", "pegamos", "pegar", "pego", "jogar", "jogamos", "fora", "longe", "manha", "poderiamos",
    "pro", "pra",
    "possivel", "vir", "depois",
    "ate", "temos", "ultimo", "dia", "levar", "trazer", "nosso", "nossa", "estao", "esta", "deitamos", "deitar", "recolhemos", "recolher", "dentro", "perto", "deixar", "segunda", "terca", "quarta", "quinta", "sexta", "sabado", "domingo", "pode-se", "se",
    "o", "os", "as", "eu", "voce", "voces", "vcs", "nos", "nao", "qual", "quais", "onde", "ola",
    "obrigado", "obrigada", "com", "meu", "minha", "tem", "ha", "na", "no", "nas", "nos", "posso",
    "podemos", "pode", "podem", "bomdia", "boatarde", "boanoite", "um", "uma", "do", "da", "dos",
    "das", "em", "ao", "aos", "sua", "seu", "gostaria", "queria", "preciso", "fazer",
    "apartamento", "casa", "alojamento", "disponivel", "disponiveis", "fornecidas", "fornecidos",
    "incluidas", "permitidos", "aceitam", "encontrar", "usar", "muito", "tambem", "hoje", "amanha",
    "noite", "estou", "estamos", "somos", "ser", "estar", "e", "funciona", "vou", "vamos",
    "existe", "dizer",
    // Times of day and "instead of", "around", "before": they place a request in time (the
    // hour is read apart, see `index::FaqIndex::query`), never name what it is about.
    "midi", "mezzogiorno", "mediodia", "mittag", "mittags", "vormittag", "vormittags",
    "nachmittag", "nachmittags", "morgens", "abends", "noon", "midday", "meiodia", "lieu",
    "invece", "instead", "statt", "anstatt", "vez", "verso", "environ", "gegen", "am", "pm",
    "oclock",
    // When something starts, and switching on ("schalte … ein"): what starts is the topic.
    "start", "starts", "begin", "begins", "commence", "empieza", "comienza", "beginnt",
    "inizia", "comincia", "comeca", "schalte", "schalten", "einschalten", "anschalten",
    "limite", "limit", "algum", "alguma", "algun", "alguno", "alguna",
    // Chat spellings of question words ("kel heure", "ay parking?", "gibts").
    "kel", "kels", "kelle", "kelles", "koi", "keske", "ay", "gibts",
    // Chat spellings and abbreviations of function words, six languages: "wht", "hav", "u",
    // "tb" (también / também), "vc" (você), "cmq" (comunque), "xfa" (por favor), "qnt"
    // (quanto), "ne"/"nen" (eine, einen), "hj" (hoje), "ds"/"ns"/"vs" (dans, nous, vous).
    "wht", "wat", "hav", "hw", "abt", "cn", "tmrw", "tmr", "tmrow", "tomoz", "pls", "plz",
    "ds", "ns", "vs", "tt", "pk", "pcq", "jsp", "tjrs", "qqch", "qqn", "bcp",
    "xfa", "pf", "tmb", "tb", "tbn", "dnd", "xq", "porfa",
    "nen", "nem", "vllt", "bzw", "evtl", "gibt's",
    "cmq", "xke", "xche", "qnt", "qnto", "sn", "dv", "qlc", "qlcs",
    "vc", "tbm", "hj", "td", "mto", "mt", "ta", "ligamos", "ligam", "ligue", "ligamos",
    "nn",
    // "Policy" and "conditions" frame a topic ("cancellation policy"), they are none.
    "overnight", "nachts",
    // Who the guests are (family words), how far or how long ("dista", "andando", "minutes"),
    // when ("at the moment", "midnight", "afternoon"), borrowing and working something: none
    // says what the question is about.
    "fille", "fils", "daughter", "hija", "hijo", "tochter", "sohn", "figlia", "figlio",
    "filha", "filho", "mother", "mere", "madre", "mutter", "mae", "father", "pere", "padre",
    "vater", "pai", "parents", "padres", "eltern", "genitori", "husband", "mari", "marido",
    "wife", "moglie", "marito", "esposa",
    "dista", "distance", "distancia", "distanza", "entfernt", "andando", "caminando",
    "walking", "pied", "piedi", "caminhando", "minutes", "minute", "minutos", "minuten",
    "minuti", "combien", "proche", "proches", "proxima", "proximo", "proximas", "proximos",
    "cercano", "cercana", "cercanos", "cercanas", "queda", "quedan", "couple",
    "moment", "momento", "afternoon", "pomeriggio", "minuit", "midnight", "medianoche",
    "mitternacht", "mezzanotte", "meia", "gerade", "grad", "zuruck",
    // Whether something is included or accepted, and putting or working it: no topic.
    "compris", "comprise", "comprises", "compreso", "compresi", "compresa", "comprese",
    "incluso", "inclusa", "incluse", "incluidos", "incluida", "inbegriffen", "enthalten",
    "aceptais", "aceptan", "acepta", "aceptamos", "aceitais", "aceita", "accettate", "accettano",
    "mettere", "mette", "metto", "mettiamo", "geht", "jeito", "manera", "maniere", "modo",
    // How much or how many: the question word, not the topic ("cuanto" is no typo of "cuando").
    "much", "many", "cuanto", "cuanta", "cuantos", "cuantas", "quanta", "quantos", "quantas",
    "quanti", "quante", "wieviele", "viele",
    "max", "til", "nobody", "niemand", "nadie", "nessuno", "ninguem",
    "borrow", "emprunter", "prestar", "prestan", "ausleihen", "leihen", "prestare",
    "emprestar", "emprestam", "run", "operate", "usa", "uso", "usiamo",
    "policy", "politique", "politica", "conditions", "condition", "condiciones", "condizioni",
    "condicoes", "bedingungen",
    // Whether something is allowed, or how it is worked: the thing is the topic.
    "interdit", "interdite", "forbidden", "prohibited", "prohibido", "prohibida", "verboten",
    "vietato", "vietata", "proibido", "proibida", "permis", "permise", "bedienen", "bedient",
    "bedient", "funziona", "abgeben", "sortant", "saliendo", "uscendo", "saindo",
];

/// Words by which guests speak of themselves (folded).
#[rustfmt::skip]
const FIRST_PERSON: &[&str] = &[
    "je", "j", "nous", "on", "notre", "nos", "mon", "i", "i'm", "we", "we're",
    "we'll", "we've", "our", "my", "nosotros", "somos", "estamos", "wir", "ich", "unser*", "mein*",
    "noi", "siamo", "nostr*", "eu", "nos", "nosso*", "nossa*", "estou",
];

/// First-person plural verbs that ask rather than tell ("podemos…?", "possiamo…?").
#[rustfmt::skip]
const ASKING_VERBS: &[&str] = &[
    "podemos", "possiamo", "dobbiamo", "devemos", "debemos", "tenemos", "temos", "queremos",
    "vogliamo", "precisamos", "necesitamos", "sabemos", "gostariamos", "quisieramos",
    "podriamos", "poderiamos", "potremmo", "facciamo", "fazemos", "hacemos",
];

/// Words of a request, a problem or a lack: a clause holding one asks for something even
/// without a question mark.
#[rustfmt::skip]
const REQUEST_WORDS: &[&str] = &[
    "voudr*", "veux", "voulons", "voulez", "aimer*", "souhait*", "besoin", "faut", "pourr*",
    "peut", "peux", "pouvons", "pouvez", "like", "want*", "need*", "would", "could", "can",
    "please", "svp", "stp", "quier*", "querem*", "quisier*", "necesit*", "podr*", "pued*",
    "mocht*", "brauch*", "wurd*", "konnt*", "kann", "konnen", "bitte", "vorr*", "vogli*",
    "serve", "bisogno", "potete", "potrebbe*", "gostari*", "quero", "precis*", "pode*", "podem",
    "favor", "favore",
    // Looking for something, wondering about it: asked without a question mark ("je cherche
    // le code wifi", "we're wondering about the parking").
    "cherch*", "lookingfor", "seeking", "wondering", "busc*", "suche", "suchen", "cerco",
    "cerchiamo", "cercando", "procur*", "demande",
    // A problem or a lack is something to deal with, never mere context.
    "probleme*", "problem*", "souci*", "issue*", "question*", "frage*", "pregunta*", "domand*",
    "pergunta*", "duvida*", "duda*", "help", "aide", "ayuda", "aiuto", "ajuda", "no", "not",
    "pas", "ne", "n", "nicht", "kein*", "non", "nao", "sin", "sem", "without", "sans", "ohne",
    "senza", "nothing", "rien", "nada", "nichts", "niente", "don", "isn", "doesn", "didn", "won",
    "aren", "haven", "hasn", "cannot", "nn", "nobody", "niemand", "nadie", "nessuno",
    "ninguem",
];

fn matches_form(word: &str, form: &str) -> bool {
    match form.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => word == form,
    }
}

/// Whether a folded clause holds a word of a request, a problem or a lack.
pub fn has_request_word(folded: &str) -> bool {
    super::text::words(folded).any(|w| REQUEST_WORDS.iter().any(|f| matches_form(w, f)))
}

/// Words opening a remark about what was just asked ("notre chat ? il est très calme", "¿el
/// perro? es pequeñito"): a third-person pronoun or copula (folded).
#[rustfmt::skip]
const REMARK_OPENERS: &[&str] = &[
    "il", "elle", "ils", "elles", "it", "it's", "its", "he", "she", "they", "es", "son", "esta",
    "er", "sie", "ist", "e", "lui", "lei", "ele", "ela", "eles",
];

/// Words of excess: "it's too small for our van" is a complaint, not a remark.
#[rustfmt::skip]
const EXCESS: &[&str] = &["trop", "too", "demasiado", "demasiada", "zu", "troppo", "troppa", "demais"];

/// Whether a folded statement (not a questioned part) remarks on what was asked rather than
/// asking: it opens with a pronoun and holds no request, lack, problem or excess word. "Il y
/// a…" asks.
pub fn is_remark(folded: &str) -> bool {
    let words: Vec<&str> = super::text::words(folded).collect();
    let opens = words.first().is_some_and(|w| REMARK_OPENERS.contains(w));
    let there_is = words.get(1).is_some_and(|w| *w == "y");
    opens && !there_is && !has_request_word(folded) && !words.iter().any(|w| EXCESS.contains(w))
}

/// Question words of the six languages (folded): a message holding one asks something, even
/// without a question mark.
#[rustfmt::skip]
const INTERROGATIVES: &[&str] = &[
    "ou", "quand", "comment", "quel", "quelle", "quels", "quelles", "combien", "pourquoi",
    "where", "when", "how", "what", "which", "why", "who",
    "donde", "cuando", "como", "cual", "cuanto", "cuanta", "hay", "wo", "wann", "wie", "was",
    "welche", "welcher", "warum", "gibt", "dove", "quando", "come", "cosa", "quale", "quanto",
    "onde", "qual", "quanto", "tem", "ha",
];

/// Question words that never open a clause about something else ("where", "wann"; not "when"
/// nor "como", which also open "when we arrive" or "as we arrive late").
const QUESTION_OPENERS: &[&str] = &[
    "ou", "comment", "quel", "quelle", "quels", "quelles", "combien", "pourquoi", "where", "how",
    "what", "which", "why", "who", "donde", "cual", "cuanto", "cuanta", "wo", "wann", "wie", "was",
    "welche", "welcher", "warum", "dove", "cosa", "quale", "quanto", "onde", "qual",
];

/// What follows "when" / "quand" / "cuando" / "quando" in a question rather than in a time
/// clause ("when do we…", "quand est-ce que…", "cuando podemos…").
const AFTER_WHEN_IN_A_QUESTION: &[&str] = &[
    "do", "does", "can", "could", "should", "must", "will", "would", "is", "are", "shall", "est",
    "peut", "peux", "pouvons", "pourrons", "doit", "dois", "devons", "faut", "podemos", "puedo",
    "debemos", "tenemos", "temos", "posso", "possiamo", "dobbiamo", "devemos",
];

/// Whether a (folded) part of a sentence opens with a question ("when do we have to leave, and
/// …?", "wann müssen wir…, und…?"): it asks, even before the sentence's last part.
pub fn opens_question(folded: &str) -> bool {
    let mut words = super::text::words(folded);
    match (words.next(), words.next()) {
        (Some(first), _) if QUESTION_OPENERS.contains(&first) => true,
        (Some("when" | "quand" | "cuando" | "quando"), Some(second)) => {
            AFTER_WHEN_IN_A_QUESTION.contains(&second)
        }
        _ => false,
    }
}

/// Whether a folded part of a sentence holds a word that only asks ("where", "wo", "dove"; not
/// "when" nor "como", which also tell, nor "ou", which is also "or"): "we land at 10 where is
/// the pharmacy" asks, even without a question mark.
pub fn holds_question_word(folded: &str) -> bool {
    super::text::words(folded).any(|w| w != "ou" && QUESTION_OPENERS.contains(&w))
}

/// Whether a folded text holds a question word.
pub fn has_interrogative(folded: &str) -> bool {
    super::text::words(folded).any(|w| INTERROGATIVES.contains(&w))
}

/// Whether a folded clause tells about the guests themselves without asking anything ("on
/// vient en voiture avec notre chien", "chegamos amanhã à noite", "our flight lands at 8"): said
/// next to a question, it is context for it, neither a question to answer nor one to hand off.
pub fn is_context(folded: &str) -> bool {
    let words: Vec<&str> = super::text::words(folded).collect();
    let first_person = words.iter().any(|w| {
        FIRST_PERSON.iter().any(|f| matches_form(w, f))
            || (["amos", "emos", "imos", "iamo", "armos", "ermos", "irmos"]
                .iter()
                // "vamos", "andiamo": one letter before the ending is enough.
                .any(|end| w.len() > end.len() && w.ends_with(end))
                && !ASKING_VERBS.contains(w))
    });
    let request = words
        .iter()
        .any(|w| REQUEST_WORDS.iter().any(|f| matches_form(w, f)));
    // "…too small for our van" tells a problem, not who the guests are.
    let excess = words.iter().any(|w| EXCESS.contains(w));
    first_person && !request && !excess
}

/// Verbs of staying on (folded) and words for "until": staying until a stated hour asks for a
/// late departure ("restare in casa fino alle 14"), while "until when can we stay?" asks the
/// check-out time.
#[rustfmt::skip]
const STAY_VERBS: &[&str] = &[
    "rester", "restons", "stay", "staying", "quedarnos", "quedarse", "quedar", "bleiben",
    "restare", "rimanere", "ficar", "ficarmos", "garder",
];
#[rustfmt::skip]
const UNTIL_WORDS: &[&str] = &["jusqua", "jusqu", "until", "till", "hasta", "bis", "fino", "ate"];

/// Whether a folded clause asks to stay until a stated hour.
pub fn asks_to_stay_until(folded: &str) -> bool {
    let words: Vec<&str> = super::text::words(folded).collect();
    let any = |list: &[&str]| words.iter().any(|w| list.contains(w));
    any(STAY_VERBS)
        && any(UNTIL_WORDS)
        && words
            .iter()
            .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}

/// Verbs of leaving or handing back (folded): with the place as their object ("dejar la casa",
/// "lasciare lo chalet", "rendre l'appart", "die Wohnung abgeben") they are the check-out; with
/// anything else ("dejar las maletas", "leave the keys") they are not.
#[rustfmt::skip]
const LEAVE_VERBS: &[&str] = &[
    "laisser", "laissons", "laisse", "rendre", "rendons", "rend", "rendu", "rendue", "leave",
    "leaving", "dejar",
    "dejamos", "dejo", "entregar", "entregamos", "devolver", "devolvemos", "lasciare",
    "lasciamo", "lasciar", "riconsegnare", "riconsegniamo", "restituire", "abgeben",
    "deixar", "deixamos", "devolver", "entregar", "return",
];

/// The verbs of handing back (folded), of keys as of the place.
#[rustfmt::skip]
const HANDING_BACK: &[&str] = &[
    "rendre", "rendons", "rendu", "devolver", "devolvemos", "restituire", "riconsegnare",
    "riconsegniamo", "abgeben", "entregar", "entregamos", "return",
];

/// Articles and possessives between a verb and its object.
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "le", "la", "l", "les", "notre", "the", "our", "el", "nuestro", "nuestra", "lo", "il",
    "nostro", "nostra", "die", "das", "den", "unsere", "o", "a", "nosso", "nossa",
];

/// Whether a folded clause speaks of leaving the place itself: the check-out.
pub fn leaves_the_place(folded: &str) -> bool {
    let words: Vec<&str> = super::text::words(folded).collect();
    let place = |w: &str| super::no_topic::is_the_place(w);
    words.iter().enumerate().any(|(i, w)| {
        if !LEAVE_VERBS.contains(w) {
            return false;
        }
        let mut after = words[i + 1..]
            .iter()
            .skip_while(|w| DETERMINERS.contains(w));
        // Handing back the keys is leaving too ("on doit rendre les clés à quelle heure ?").
        let handed_back = |w: &str| {
            HANDING_BACK.contains(&w) && words.iter().any(|k| concept(k) == Some(Concept::Keys))
        };
        // German puts the verb last: "die Wohnung abgeben".
        after.next().is_some_and(|w| place(w)) || (i > 0 && place(words[i - 1])) || handed_back(w)
    })
}

/// Phrases (folded, space-padded) by which guests say they do not need something: "on n'a pas
/// de voiture donc pas besoin de parking" asks nothing about parking.
#[rustfmt::skip]
const NO_NEED: &[&str] = &[
    " pas besoin ", " pas besoin d'", " plus besoin ", " no need ", " don't need ", " dont need ",
    " do not need ", " won't need ", " wont need ", " no necesitamos ", " no necesito ",
    " no hace falta ", " brauchen kein", " brauche kein", " brauchen wir nicht ",
    " brauchen wir kein", " non serve ", " non ci serve ", " non abbiamo bisogno ",
    " non ho bisogno ", " nao precisamos ", " nao preciso ",
];

/// Whether a folded clause that asks nothing itself (not a sentence's questioned part) says
/// the guests need no such thing: neither a question to answer nor one to hand off.
pub fn declines(folded: &str) -> bool {
    super::text::has_phrase_of(folded, NO_NEED)
}

/// The NLTK function words of the six languages, folded like guest text: pronouns, articles,
/// prepositions and every form of "be", "have" and their kin ("habt", "tenemos", "war", "siamo"),
/// which guests wrap around what they ask and which no hand-written list keeps up with.
static STOP_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    ["fr", "en", "es", "de", "it", "pt"]
        .into_iter()
        .flat_map(stop_words::get)
        .map(|w| fold_word(w))
        .collect()
});

/// Lower case without accents, for a single word (no phrase gluing, see `text::fold`).
fn fold_word(word: &str) -> String {
    word.to_lowercase()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == '’' { '\'' } else { c })
        .collect()
}

/// Whether a folded word of seven letters or more is one typo away from a hand-written function
/// word of the same start ("recojemos" for "recogemos"): a slip on a word that carries no
/// topic carries none either. Only for words neither the FAQ nor the lexicon knows.
pub fn function_word_typo(word: &str) -> bool {
    word.chars().count() >= 7
        && FUNCTION_WORDS.iter().any(|f| {
            f.len() >= 7
                && f.chars().next() == word.chars().next()
                && super::text::one_typo_apart(word, f)
        })
}

/// The hand-written function words long enough to have inflections worth stemming ("buttare",
/// "recuperer"), for `index` to recognise their other forms.
pub fn inflectable_function_words() -> impl Iterator<Item = &'static str> {
    FUNCTION_WORDS.iter().copied().filter(|w| w.len() >= 5)
}

/// Whether a folded word carries no topic. A lexicon word ("when", "antes") always carries one,
/// even if a stop list counts it as a function word.
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(&word) || (STOP_WORDS.contains(word) && concept(word).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_thing_in_six_languages_is_one_concept() {
        for word in [
            "checkin", "arrivee", "llegada", "ankunft", "arrivo", "chegada",
        ] {
            assert_eq!(concept(word), Some(Concept::Arrival), "{word}");
        }
        for word in [
            "wifi",
            "internet",
            "contrasena",
            "passwort",
            "senha",
            "motdepasse",
        ] {
            assert_eq!(concept(word), Some(Concept::Wifi), "{word}");
        }
        for word in [
            "parking",
            "garer",
            "aparcar",
            "parken",
            "parcheggio",
            "estacionar",
        ] {
            assert_eq!(concept(word), Some(Concept::Parking), "{word}");
        }
        assert_eq!(concept("museum"), None);
    }

    #[test]
    fn the_equipment_of_a_stay_is_one_concept_per_thing_in_six_languages() {
        let cases: &[(Concept, &[&str])] = &[
            (
                Concept::Dishwasher,
                &[
                    "lavevaisselle",
                    "dishwasher",
                    "lavavajillas",
                    "spulmaschine",
                    "geschirrspuler",
                    "lavastoviglie",
                ],
            ),
            (
                Concept::Oven,
                &["four", "oven", "horno", "backofen", "forno"],
            ),
            (
                Concept::Microwave,
                &[
                    "microondes",
                    "microwave",
                    "microondas",
                    "mikrowelle",
                    "microonde",
                ],
            ),
            (
                Concept::HairDryer,
                &[
                    "sechecheveux",
                    "hairdryer",
                    "secador",
                    "fohn",
                    "phon",
                    "fon",
                ],
            ),
            (
                Concept::Television,
                &[
                    "tv",
                    "tele",
                    "television",
                    "fernseher",
                    "televisore",
                    "televisao",
                ],
            ),
            (
                Concept::Beach,
                &["plage", "beach", "playa", "strand", "spiaggia", "praia"],
            ),
            (
                Concept::Bike,
                &[
                    "velos",
                    "bikes",
                    "bicis",
                    "fahrrader",
                    "biciclette",
                    "bicicletas",
                ],
            ),
            (
                Concept::Lift,
                &[
                    "ascenseur",
                    "lift",
                    "elevator",
                    "ascensor",
                    "aufzug",
                    "elevador",
                ],
            ),
            (
                Concept::Deposit,
                &[
                    "caution", "deposit", "fianza", "kaution", "cauzione", "caucao",
                ],
            ),
            (
                Concept::Cancellation,
                &[
                    "annulation",
                    "cancel",
                    "cancelacion",
                    "stornieren",
                    "annullare",
                    "cancelamento",
                ],
            ),
            (
                Concept::Shutters,
                &[
                    "volets",
                    "shutters",
                    "persianas",
                    "rollladen",
                    "tapparelle",
                    "estores",
                ],
            ),
            (
                Concept::HotTub,
                &[
                    "jacuzzi",
                    "hottub",
                    "whirlpool",
                    "idromassaggio",
                    "hidromassagem",
                ],
            ),
        ];
        for (expected, words) in cases {
            for word in *words {
                assert_eq!(concept(word), Some(*expected), "{word}");
            }
        }
        // Kept apart where a FAQ answers them apart.
        assert_ne!(concept("microwave"), concept("oven"));
        assert_ne!(concept("beachtowels"), concept("towels"));
        assert_ne!(concept("ventilateur"), concept("clim"));
    }

    #[test]
    fn words_that_collide_across_languages_name_no_equipment() {
        // Spanish bread, a German shop, French "good", a phone charger, English "safe".
        for word in [
            "pan", "laden", "bonne", "charger", "cargador", "safe", "bar", "tapis", "burro",
            "salir",
        ] {
            assert!(
                !matches!(concept(word), Some(c) if c >= Concept::Dishwasher),
                "{word}: {:?}",
                concept(word)
            );
        }
        // Function words of another language ("über", the Spanish "sea"), a network's name
        // ("Maison-Invites"), a holiday ("Feiertag"), "facturée" (charged, not an invoice).
        for word in ["uber", "sea", "invites", "feiertag", "facturee", "gite"] {
            assert_eq!(concept(word), None, "{word}");
        }
        // A prefix of one concept must not swallow another's word.
        assert_eq!(concept("epicerie"), Some(Concept::Shops));
        assert_eq!(concept("lettino"), Some(Concept::BabyGear));
        // A typo of an everyday word is not a typo of a short lexicon word.
        assert_ne!(concept_despite_typo("bonne"), Some(Concept::ElectricCar));
        assert_ne!(concept_despite_typo("place"), Some(Concept::Beach));
        assert_ne!(concept_despite_typo("calle"), Some(Concept::QuietHours));
    }

    #[test]
    fn regional_words_reach_their_concept() {
        for (word, expected) in [
            ("alberca", Concept::Pool),
            ("pileta", Concept::Pool),
            ("cochera", Concept::Parking),
            ("chars", Concept::Parking),
            ("colectivo", Concept::Transport),
            ("regadera", Concept::Shower),
            ("heladera", Concept::Fridge),
            ("geladeira", Concept::Fridge),
            ("calefon", Concept::HotWater),
            ("depanneur", Concept::Shops),
            ("laveuse", Concept::Laundry),
            ("secheuse", Concept::Dryer),
            ("galerie", Concept::Balcony),
        ] {
            assert_eq!(concept(word), Some(expected), "{word}");
        }
    }

    #[test]
    fn session_8s_concepts_have_their_words_in_six_languages() {
        for (word, expected) in [
            ("skipasse", Concept::SkiPass),
            ("liftpass", Concept::SkiPass),
            ("slopes", Concept::Slopes),
            ("pistes", Concept::Slopes),
            ("sessellift", Concept::Slopes),
            ("seggiovia", Concept::Slopes),
            ("winterreifen", Concept::SnowChains),
            ("schneeketten", Concept::SnowChains),
            ("wochenmarkt", Concept::Market),
            ("mercato", Concept::Market),
            ("feira", Concept::Market),
            ("noleggio", Concept::Rental),
            ("ausleihen", Concept::Rental),
            ("alugar", Concept::Rental),
            ("telly", Concept::Television),
            ("fermata", Concept::Transport),
            ("haltestelle", Concept::Transport),
            ("rumore", Concept::QuietHours),
            ("barulho", Concept::QuietHours),
            ("klingeln", Concept::Intercom),
            ("ibuprofen", Concept::Pharmacy),
            ("lieferung", Concept::Mail),
            ("dosettes", Concept::Coffee),
            ("reembolso", Concept::Cancellation),
            ("nif", Concept::Invoice),
            ("holz", Concept::Fireplace),
            ("esquis", Concept::SkiRoom),
        ] {
            assert_eq!(concept(word), Some(expected), "{word}");
        }
        // A supermarket is still a shop, a market a shop too (the guest's side only).
        assert_eq!(concept("supermercado"), Some(Concept::Shops));
        assert_eq!(concept("supermarkt"), Some(Concept::Shops));
        assert_eq!(broader(Concept::Market), Some(Concept::Shops));
        assert_eq!(
            concept_despite_typo("schneeketen"),
            Some(Concept::SnowChains)
        );
        // Renting a flat is the place, not renting a thing.
        assert_eq!(concept("aluguel"), None);
        for (word, expected) in [
            ("bimbo", Concept::Baby),
            ("toddler", Concept::Baby),
            ("kindern", Concept::Baby),
            ("dackel", Concept::Pets),
            ("chiots", Concept::Pets),
            ("fritzbox", Concept::Wifi),
            ("routeur", Concept::Wifi),
            ("altpapier", Concept::Trash),
            ("launderette", Concept::Laundry),
            ("korkenzieher", Concept::Kitchen),
            ("traghetto", Concept::Transport),
        ] {
            assert_eq!(concept(word), Some(expected), "{word}");
        }
        for (word, expected) in [
            ("glasfaser", Concept::Wifi),
            ("billar", Concept::Games),
            ("tischtennis", Concept::Games),
            ("stampante", Concept::Workspace),
            ("schreibtisch", Concept::Workspace),
            ("cancello", Concept::Gate),
            ("portao", Concept::Gate),
            ("rabatt", Concept::Discount),
            ("desconto", Concept::Discount),
        ] {
            assert_eq!(concept(word), Some(expected), "{word}");
        }
        // A pool table is no pool, beach chairs are sunbeds.
        let glued = |phrase: &str| super::super::text::fold(phrase).trim().to_owned();
        assert_eq!(concept(&glued("pool table")), Some(Concept::Games));
        assert_eq!(concept(&glued("beach chairs")), Some(Concept::Parasol));
        // A cot stays a cot; a breed is matched as written, never as a typo.
        assert_eq!(concept("kinderbett"), Some(Concept::BabyGear));
        assert_ne!(concept_despite_typo("labadora"), Some(Concept::Pets));
    }

    #[test]
    fn every_concept_word_reaches_its_own_concept() {
        // No earlier prefix swallows a later concept's word ("fruh*" took "Frühstück",
        // "cancel*" the Italian gate "cancello"). "facturas" (Argentine pastries) stays an
        // invoice: the same word.
        for (expected, forms) in CONCEPTS {
            for form in *forms {
                let word = form.trim_end_matches('=').trim_end_matches('*');
                if word == "facturas" {
                    continue;
                }
                assert_eq!(concept(word), Some(*expected), "{form}");
            }
        }
        assert_eq!(concept("fruhstuck"), Some(Concept::Breakfast));
        assert_eq!(concept("fruher"), Some(Concept::Early));
    }

    #[test]
    fn chat_spellings_carry_their_meaning_or_none() {
        assert_eq!(concept("pw"), Some(Concept::Wifi));
        assert_eq!(concept("mdp"), Some(Concept::Wifi));
        for word in [
            "wht", "hav", "u", "r", "pls", "bcp", "stp", "xq", "pq", "tb", "vc", "pra", "cmq",
        ] {
            assert!(is_function_word(word), "{word}");
        }
        assert!(has_request_word("nn funziona"));
        // "cuánto" is a question word, not a typo of "cuando".
        assert!(is_function_word("cuanto") && is_function_word("much"));
        assert!(function_word_typo("recojemos"));
        assert!(!function_word_typo("recycling"));
    }

    #[test]
    fn a_typo_still_names_its_concept() {
        assert_eq!(concept_despite_typo("parkign"), Some(Concept::Parking));
        assert_eq!(concept_despite_typo("piscinne"), Some(Concept::Pool));
        assert_eq!(concept_despite_typo("museums"), None);
        assert_eq!(concept_despite_typo("cle"), None);
    }
}
