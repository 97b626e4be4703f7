//! Fictional case records for training, demos and benchmarks: varied families, every
//! CIAF area and each of the four reasons for a child's resistance, with risks,
//! analyses and recommendations that thread together, so each record passes `check`.
//!
//! Deterministic: record `index` of seed `seed` is the same on every machine and every
//! run (a self-contained SplitMix64 generator, not a library RNG whose stream may change
//! between versions), and is written with the TOML serializer, so the same seed and count
//! give byte-identical files.
//!
//! Every name, place, case number and event is invented.

use std::path::{Path, PathBuf};

use crate::output::{WriteError, write_atomic};
use crate::record::*;

/// A small, portable, seedable generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The generator for record `index` of `seed`: records are independent, so record
    /// 7 is the same whether 10 or 1,000 are generated.
    pub fn for_record(seed: u64, index: u64) -> Self {
        let mut r = Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B);
        r.0 ^= index.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1).max(1) as usize) as i64
    }

    /// True `num` times in `den`.
    pub fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `n` distinct items, in their original order.
    pub fn some<T: Clone>(&mut self, items: &[T], n: usize) -> Vec<T> {
        let mut idx: Vec<usize> = (0..items.len()).collect();
        for i in (1..idx.len()).rev() {
            let j = self.below(i + 1);
            idx.swap(i, j);
        }
        let mut chosen: Vec<usize> = idx.into_iter().take(n.min(items.len())).collect();
        chosen.sort_unstable();
        chosen.into_iter().map(|i| items[i].clone()).collect()
    }
}

/// The main concern of a generated case; together they cover every CIAF area and each
/// of the four reasons for resistance (the four As).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    DomesticAbuse,
    ThreatsToKill,
    HarmfulConflict,
    Affinity,
    Attachment,
    Alienation,
    HarmfulParenting,
    JustifiedRejection,
}

impl Scenario {
    pub const ALL: [Scenario; 8] = [
        Scenario::DomesticAbuse,
        Scenario::ThreatsToKill,
        Scenario::HarmfulConflict,
        Scenario::Affinity,
        Scenario::Attachment,
        Scenario::Alienation,
        Scenario::HarmfulParenting,
        Scenario::JustifiedRejection,
    ];
}

/// A family's cultural and linguistic background: names and what the report says.
struct Heritage {
    ethnicity: &'static str,
    language: &'static str,
    faith: &'static str,
    women: &'static [&'static str],
    men: &'static [&'static str],
    girls: &'static [&'static str],
    boys: &'static [&'static str],
    surnames: &'static [&'static str],
}

const HERITAGES: &[Heritage] = &[
    Heritage {
        ethnicity: "white British",
        language: "English is the only language spoken at home",
        faith: "the family is not religious",
        women: &[
            "Rebecca", "Laura", "Gemma", "Claire", "Kirsty", "Hannah", "Stacey",
        ],
        men: &["Daniel", "Craig", "Lee", "Mark", "Jamie", "Stuart", "Paul"],
        girls: &["Olivia", "Amelia", "Isla", "Poppy", "Evie", "Freya", "Ruby"],
        boys: &[
            "Oliver", "Harry", "Alfie", "Jack", "Charlie", "Theo", "Noah",
        ],
        surnames: &[
            "Whitfield",
            "Hartley",
            "Barker",
            "Pearson",
            "Holloway",
            "Marsh",
            "Fenwick",
        ],
    },
    Heritage {
        ethnicity: "Welsh",
        language: "Welsh and English are both spoken at home and the children attend a Welsh-medium school",
        faith: "the family attends chapel occasionally",
        women: &["Catrin", "Nia", "Sioned", "Ffion", "Rhiannon", "Lowri"],
        men: &["Rhys", "Dafydd", "Gethin", "Iwan", "Owain", "Huw"],
        girls: &["Elin", "Seren", "Megan", "Mali", "Cerys", "Alys"],
        boys: &["Osian", "Ioan", "Macsen", "Gruffydd", "Cai", "Tomos"],
        surnames: &[
            "Pritchard",
            "Llywelyn",
            "Bowen",
            "Prosser",
            "Gwilym",
            "Rhydderch",
        ],
    },
    Heritage {
        ethnicity: "Polish",
        language: "Polish is spoken at home and English at school",
        faith: "the family is Roman Catholic",
        women: &[
            "Agnieszka",
            "Katarzyna",
            "Małgorzata",
            "Joanna",
            "Magdalena",
        ],
        men: &["Tomasz", "Paweł", "Łukasz", "Marcin", "Krzysztof"],
        girls: &["Zofia", "Julia", "Hanna", "Maja", "Lena"],
        boys: &["Jakub", "Szymon", "Filip", "Antoni", "Wojciech"],
        surnames: &["Nowak", "Wiśniewski", "Kowalczyk", "Zieliński", "Wróbel"],
    },
    Heritage {
        ethnicity: "British Pakistani",
        language: "Urdu, Punjabi and English are spoken at home",
        faith: "the family is Muslim and the children attend madrasa at the weekend",
        women: &["Ayesha", "Sana", "Nadia", "Farah", "Saima", "Rubina"],
        men: &["Imran", "Tariq", "Asif", "Kamran", "Bilal", "Adnan"],
        girls: &["Maryam", "Hafsa", "Zainab", "Aleena", "Inaya"],
        boys: &["Ibrahim", "Yusuf", "Zayan", "Hamza", "Rayyan"],
        surnames: &["Hussain", "Akhtar", "Mahmood", "Iqbal", "Rashid", "Qureshi"],
    },
    Heritage {
        ethnicity: "British Indian",
        language: "Gujarati and English are spoken at home",
        faith: "the family is Hindu and celebrates Diwali and Navratri with both sides of the family",
        women: &["Priya", "Neha", "Hetal", "Anjali", "Komal"],
        men: &["Rajesh", "Vikram", "Nikhil", "Sanjay", "Amit"],
        girls: &["Diya", "Anaya", "Isha", "Riya", "Meera"],
        boys: &["Arjun", "Krish", "Aarav", "Rohan", "Dev"],
        surnames: &["Patel", "Shah", "Mistry", "Desai", "Parmar"],
    },
    Heritage {
        ethnicity: "Black British of Nigerian heritage",
        language: "English and Yoruba are spoken at home",
        faith: "the family attends a Pentecostal church",
        women: &["Folake", "Adaeze", "Temitope", "Funmilayo", "Bisola"],
        men: &["Oluwaseun", "Chidi", "Babatunde", "Emeka", "Tunde"],
        girls: &["Ifeoma", "Adaora", "Tolulope", "Simi", "Chioma"],
        boys: &["Tobi", "Chinedu", "Dami", "Femi", "Kelechi"],
        surnames: &["Adeyemi", "Okafor", "Balogun", "Nwosu", "Adebayo"],
    },
    Heritage {
        ethnicity: "Black British of Jamaican heritage",
        language: "English is spoken at home",
        faith: "the children go to church with their grandmother",
        women: &["Shanice", "Tanisha", "Keisha", "Marcia", "Chantelle"],
        men: &["Delroy", "Marlon", "Andre", "Jermaine", "Leon"],
        girls: &["Aaliyah", "Nia", "Jada", "Imani", "Keziah"],
        boys: &["Malachi", "Josiah", "Kai", "Elijah", "Isaiah"],
        surnames: &["Campbell", "Brown", "Williams", "Reid", "Grant"],
    },
    Heritage {
        ethnicity: "British Somali",
        language: "Somali and English are spoken at home",
        faith: "the family is Muslim",
        women: &["Hodan", "Amina", "Fadumo", "Ubah", "Sahra"],
        men: &["Abdirahman", "Mohamed", "Hassan", "Abdullahi", "Omar"],
        girls: &["Hibo", "Ayan", "Idil", "Nasra", "Sagal"],
        boys: &["Abdi", "Liban", "Mustafe", "Khalid", "Guled"],
        surnames: &["Warsame", "Farah", "Jama", "Abdi", "Osman"],
    },
    Heritage {
        ethnicity: "Romanian",
        language: "Romanian is spoken at home and the children are fluent in English",
        faith: "the family is Romanian Orthodox",
        women: &["Ioana", "Andreea", "Elena", "Mihaela", "Roxana"],
        men: &["Andrei", "Mihai", "Ștefan", "Bogdan", "Cătălin"],
        girls: &["Ana", "Daria", "Sofia", "Bianca", "Ilinca"],
        boys: &["Luca", "Matei", "Rareș", "Tudor", "David"],
        surnames: &["Popescu", "Ionescu", "Dumitru", "Stan", "Munteanu"],
    },
    Heritage {
        ethnicity: "British Bangladeshi",
        language: "Sylheti, Bengali and English are spoken at home",
        faith: "the family is Muslim",
        women: &["Rahima", "Shirin", "Nasreen", "Taslima", "Jahanara"],
        men: &["Shahid", "Rafiq", "Mizanur", "Anwar", "Jamal"],
        girls: &["Tahmina", "Ayesha", "Nusrat", "Sumaiya", "Safa"],
        boys: &["Rayhan", "Ishaq", "Tanvir", "Sami", "Arif"],
        surnames: &["Begum", "Miah", "Uddin", "Rahman", "Chowdhury"],
    },
    Heritage {
        ethnicity: "Turkish",
        language: "Turkish and English are spoken at home",
        faith: "the family is Muslim but not practising",
        women: &["Elif", "Zeynep", "Ayşe", "Gülşen", "Merve"],
        men: &["Mehmet", "Emre", "Burak", "Oğuz", "Serkan"],
        girls: &["Defne", "Ecrin", "Asel", "Nehir", "İpek"],
        boys: &["Kerem", "Yiğit", "Aras", "Emir", "Deniz"],
        surnames: &["Yılmaz", "Demir", "Şahin", "Aydın", "Öztürk"],
    },
    Heritage {
        ethnicity: "Chinese British",
        language: "Cantonese and English are spoken at home",
        faith: "the family is not religious",
        women: &["Mei", "Wing", "Yan", "Suk Ying", "Ling"],
        men: &["Wai Man", "Kwok", "Chun", "Ho", "Ming"],
        girls: &["Jasmine", "Chloe", "Hoi Yan", "Ka Yee", "Sophie"],
        boys: &["Ethan", "Lucas", "Ka Ho", "Marcus", "Tsz Hin"],
        surnames: &["Chan", "Wong", "Leung", "Cheung", "Lau"],
    },
];

const TOWNS: &[(&str, &str)] = &[
    ("Exampleton", "EX"),
    ("Ashbridge", "AB"),
    ("Millbrook", "MB"),
    ("Harwood", "HW"),
    ("Kingsmere", "KM"),
    ("Norbury Vale", "NV"),
    ("Thornfield", "TF"),
    ("Eastwick", "EW"),
    ("Carreg Wen", "CW"),
    ("Castell Nedd Isaf", "CN"),
];

const ADVISERS: &[&str] = &[
    "Alex Adviser",
    "Sam Okonjo",
    "Jo Whitcombe",
    "Priya Sandhu",
    "Rhian Maddox",
    "Chris Bellamy",
    "Tendai Moyo",
    "Morgan Ellery",
    "Kasia Lewandowska",
    "Hamid Karimi",
];

const NUMBER_WORDS: [&str; 18] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
];

fn number_word(n: i64) -> String {
    NUMBER_WORDS
        .get(n.max(0) as usize)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

#[derive(Clone, Copy)]
struct Pron {
    sub: &'static str,
    obj: &'static str,
    pos: &'static str,
    kid: &'static str,
}

const SHE: Pron = Pron {
    sub: "she",
    obj: "her",
    pos: "her",
    kid: "girl",
};
const HE: Pron = Pron {
    sub: "he",
    obj: "him",
    pos: "his",
    kid: "boy",
};

/// "her" for a mother or grandmother, "him" for a father.
fn obj(rel: &str) -> &'static str {
    if rel.contains("father") { "him" } else { "her" }
}

/// "she" or "he".
fn sub(rel: &str) -> &'static str {
    if rel.contains("father") { "he" } else { "she" }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A generated child, before it becomes a record entry.
struct Kid {
    id: String,
    first: String,
    full: String,
    age: i64,
    born: time::Date,
    p: Pron,
}

/// A generated adult party.
struct Adult {
    id: &'static str,
    full: String,
    title: &'static str,
    rel: &'static str,
}

fn date(d: time::Date) -> Date {
    Date(d)
}

fn days(d: time::Date, n: i64) -> time::Date {
    d.checked_add(time::Duration::days(n)).unwrap_or(d)
}

/// "Ella", "Ella and Sam", "Ella, Sam and Leo".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Record `index` of the set generated from `seed`.
pub fn record(seed: u64, index: u64) -> CaseRecord {
    let mut g = Gen::new(seed, index);
    g.build()
}

/// The scenario record `index` of `seed` is built around.
pub fn scenario_of(seed: u64, index: u64) -> Scenario {
    let mut rng = Rng::for_record(seed, index);
    *rng.pick(&Scenario::ALL)
}

struct Gen {
    rng: Rng,
    scenario: Scenario,
    h: &'static Heritage,
    town: &'static str,
    kids: Vec<Kid>,
    res: Adult,
    non: Adult,
    grandparent: Option<Adult>,
    application: time::Date,
    signed: time::Date,
    filing: time::Date,
    hearing: time::Date,
}

impl Gen {
    fn new(seed: u64, index: u64) -> Gen {
        let mut rng = Rng::for_record(seed, index);
        let scenario = *rng.pick(&Scenario::ALL);
        let h = rng.pick(HERITAGES);
        let (town, _) = *rng.pick(TOWNS);
        // Dates: the application, about five months of enquiries, then sign, file, hear.
        let year = rng.range(2025, 2027) as i32;
        let start = time::Date::from_ordinal_date(year, 1).unwrap_or(time::Date::MIN);
        let application = days(start, rng.range(0, 300));
        let signed = days(application, rng.range(120, 180));
        let filing = days(signed, rng.range(1, 6));
        let hearing = days(filing, rng.range(7, 21));

        let mother_surname = *rng.pick(h.surnames);
        let father_surname = if rng.chance(1, 3) {
            *rng.pick(h.surnames)
        } else {
            mother_surname
        };
        let mother_first = *rng.pick(h.women);
        let father_first = *rng.pick(h.men);
        let mother = Adult {
            id: "mother",
            full: format!("{mother_first} {mother_surname}"),
            title: if rng.chance(1, 2) { "Ms" } else { "Mrs" },
            rel: "mother",
        };
        let father = Adult {
            id: "father",
            full: format!("{father_first} {father_surname}"),
            title: "Mr",
            rel: "father",
        };
        let with_mother = !rng.chance(1, 4);
        let (res, non) = if with_mother {
            (mother, father)
        } else {
            (father, mother)
        };

        // Children: attachment-related resistance is a young child's; others vary.
        let count = *rng.pick(&[1usize, 1, 2, 2, 2, 3]);
        let eldest = match scenario {
            Scenario::Attachment => rng.range(3, 7),
            Scenario::Alienation | Scenario::JustifiedRejection => rng.range(8, 15),
            _ => rng.range(4, 15),
        };
        let mut kids: Vec<Kid> = Vec::new();
        let mut age = eldest;
        for i in 0..count {
            if i > 0 {
                age -= rng.range(1, 4);
                if age < 1 {
                    break;
                }
            }
            let girl = rng.chance(1, 2);
            let pool = if girl { h.girls } else { h.boys };
            let mut first = *rng.pick(pool);
            let mut tries = 0;
            while kids.iter().any(|k| k.first == first) && tries < 10 {
                first = *rng.pick(pool);
                tries += 1;
            }
            if kids.iter().any(|k| k.first == first) {
                continue;
            }
            // Born `age` years (and some days) before the hearing.
            let born = days(hearing, -(age * 365 + rng.range(30, 330) + age / 4));
            let born_age = Date(born).years_until(Date(hearing)) as i64;
            let id = first
                .to_lowercase()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>();
            let id = if id.is_empty() {
                format!("child{}", i + 1)
            } else {
                id
            };
            kids.push(Kid {
                full: format!("{first} {father_surname}"),
                first: first.to_string(),
                id,
                age: born_age,
                born,
                p: if girl { SHE } else { HE },
            });
        }
        let grandparent = rng.chance(1, 3).then(|| {
            let first = *rng.pick(h.women);
            let side = if res.rel == "mother" {
                "maternal"
            } else {
                "paternal"
            };
            Adult {
                id: "grandmother",
                full: format!("{first} {}", rng.pick(h.surnames)),
                title: "Mrs",
                rel: if side == "maternal" {
                    "maternal grandmother"
                } else {
                    "paternal grandmother"
                },
            }
        });
        Gen {
            rng,
            scenario,
            h,
            town,
            kids,
            res,
            non,
            grandparent,
            application,
            signed,
            filing,
            hearing,
        }
    }

    fn names(&self) -> String {
        join_names(
            &self
                .kids
                .iter()
                .map(|k| k.first.clone())
                .collect::<Vec<_>>(),
        )
    }

    fn ids(&self) -> Vec<String> {
        self.kids.iter().map(|k| k.id.clone()).collect()
    }

    /// "the children" or "Ella".
    fn the_children(&self) -> String {
        if self.kids.len() == 1 {
            self.kids[0].first.clone()
        } else {
            "the children".to_string()
        }
    }

    /// The eldest child, whose resistance the resistance scenarios are about; for
    /// attachment, the youngest.
    fn resisting(&self) -> usize {
        if self.scenario == Scenario::Attachment {
            self.kids.len() - 1
        } else {
            0
        }
    }

    fn pick(&mut self, items: &[&'static str]) -> &'static str {
        items[self.rng.below(items.len())]
    }

    fn build(&mut self) -> CaseRecord {
        let kind = if self.rng.chance(1, 4) {
            ReportKind::ChildImpact
        } else {
            ReportKind::Section7
        };
        let code = TOWNS
            .iter()
            .find(|(t, _)| *t == self.town)
            .map_or("EX", |(_, c)| c);
        let welsh = self.h.ethnicity == "Welsh" || self.town.starts_with("Ca");
        let questions = self.questions();
        let risks = self.risks();
        let ciaf = self.ciaf(&risks);
        let tools = self.tools();
        let (recommendations, considered) = self.recommendations(&risks, &ciaf, questions.len());
        let children = (0..self.kids.len())
            .map(|i| self.child(i, &risks, &ciaf))
            .collect();
        let enquiries = self.enquiries();
        let analysis = self.analysis(&tools, &ciaf);
        let risk_assessments = self.risk_assessments(&ciaf);
        let parties = self.parties();
        let background = self.background();
        let orders = if self.rng.chance(1, 2) {
            vec![format!(
                "Interim child arrangements order, {}: {} with {} and {} time with {} {}",
                Date(days(self.application, 40)).long(),
                if self.kids.len() == 1 {
                    format!("{} lives", self.kids[0].first)
                } else {
                    "the children live".to_string()
                },
                self.res.rel_the(),
                if self.kids.len() == 1 {
                    "spends"
                } else {
                    "spend"
                },
                self.non.rel_the(),
                self.pick(&[
                    "once a fortnight at a contact centre, supervised",
                    "every Saturday afternoon",
                    "by video call twice a week",
                ])
            )]
        } else {
            Vec::new()
        };
        CaseRecord {
            report: Report {
                kind,
                status: ReportStatus::Draft,
                court: format!("Family Court at {}", self.town),
                case_number: format!(
                    "{code}{:02}P{:05}",
                    self.application.year() % 100,
                    self.rng.range(100, 99_999)
                ),
                application: self.application_text(),
                application_date: Some(date(self.application)),
                hearing_type: self
                    .pick(&[
                        "Dispute Resolution Appointment",
                        "Dispute Resolution Appointment",
                        "Final hearing",
                    ])
                    .to_string(),
                hearing_date: Some(date(self.hearing)),
                filing_date: Some(date(self.filing)),
                date_signed: Some(date(self.signed)),
                author: Author {
                    name: self.pick(ADVISERS).to_string(),
                    role: "Family Court Adviser".to_string(),
                    organisation: if welsh { "Cafcass Cymru" } else { "Cafcass" }.to_string(),
                },
                questions,
                current_orders: orders,
                childrens_solicitor: String::new(),
            },
            background,
            parties,
            children,
            enquiries,
            risks,
            risk_assessments,
            tools_used: tools,
            ciaf,
            analysis,
            recommendations,
            considered,
        }
    }

    fn application_text(&mut self) -> String {
        match self.scenario {
            Scenario::HarmfulParenting | Scenario::JustifiedRejection if self.rng.chance(1, 2) => {
                "Child arrangements order (s8 Children Act 1989): with whom the children live, and a prohibited steps order".to_string()
            }
            _ => self
                .pick(&[
                    "Child arrangements order (s8 Children Act 1989): with whom the children spend time",
                    "Child arrangements order (s8 Children Act 1989): with whom the children live and spend time",
                ])
                .to_string(),
        }
    }

    fn questions(&mut self) -> Vec<String> {
        let names = self.names();
        let non = self.non.rel.to_string();
        let mut q = vec![
            format!(
                "What are {names}'s wishes and feelings about the time {} spends with {} {non}?",
                self.kids[0].p.sub, self.kids[0].p.pos
            ),
            format!(
                "What arrangements for time with the {non} are safe and in the best interests of {}?",
                if self.kids.len() == 1 {
                    self.kids[0].first.as_str()
                } else {
                    "the children"
                }
            ),
        ];
        if self.kids.len() > 1 {
            q[0] = format!(
                "What are the wishes and feelings of {names} about the time they spend with their {non}?"
            );
        }
        let third = match self.scenario {
            Scenario::DomesticAbuse | Scenario::ThreatsToKill => Some(
                "Is a fact-finding hearing needed about the allegations of domestic abuse?"
                    .to_string(),
            ),
            Scenario::Alienation => Some(format!(
                "Why is {} resisting time with the {non}, and what should happen next?",
                self.kids[0].first
            )),
            Scenario::HarmfulParenting => Some(
                "What support or testing is needed before arrangements can be extended?"
                    .to_string(),
            ),
            _ => None,
        };
        q.extend(third);
        q
    }

    fn risks(&mut self) -> Vec<Risk> {
        let non = self.non.rel;
        let res = self.res.rel;
        let first = match self.scenario {
            Scenario::DomesticAbuse => format!(
                "The {res} alleges that the {non} {} during the relationship.",
                self.pick(&[
                    "checked {o} phone, controlled the household money and isolated {o} from friends",
                    "pushed and grabbed {o} during arguments and controlled where {s} went",
                    "belittled {o} in front of the children and monitored {o} messages",
                ])
            ),
            Scenario::ThreatsToKill => format!(
                "The {res} reports that the {non} threatened to kill {ro} when {rs} said the relationship was over, and that {rs} remains afraid of {no}.", ro = obj(res), rs = sub(res), no = obj(non)
            ),
            Scenario::HarmfulConflict => format!(
                "Repeated arguments between the parents at handovers, in front of {}.",
                self.the_children()
            ),
            Scenario::Affinity | Scenario::Attachment => format!(
                "{}'s reluctance to spend time with the {non} since the separation.",
                self.kids[self.resisting()].first
            ),
            Scenario::Alienation => format!(
                "{} has refused all time with the {non}, and the {non} alleges that the {res} speaks badly of {} to the children.",
                self.kids[0].first,
                if non == "father" { "him" } else { "her" }
            ),
            Scenario::HarmfulParenting => format!(
                "The {res} alleges that the {non} {} while caring for the children.",
                self.pick(&[
                    "drinks heavily",
                    "uses cannabis and cocaine",
                    "has untreated mental health difficulties that affect the care given",
                ])
            ),
            Scenario::JustifiedRejection => format!(
                "{} reports being hit by the {non} and does not want to see {}; the {res} alleges the {non} was violent in the relationship.",
                self.kids[0].first,
                if non == "father" { "him" } else { "her" }
            ),
        };
        let mut risks = vec![Risk {
            id: "r1".into(),
            source: RiskSource::SafeguardingLetter,
            description: first,
            children: Vec::new(),
            significant_harm: false,
        }];
        let second = match self.scenario {
            Scenario::HarmfulConflict | Scenario::Affinity | Scenario::Attachment => format!(
                "Communication between the parents about arrangements for {} has broken down.",
                self.the_children()
            ),
            _ => format!(
                "The {}'s wish for more time, including overnight stays, against {}'s uncertainty about it.",
                non, self.kids[0].first
            ),
        };
        risks.push(Risk {
            id: "r2".into(),
            source: RiskSource::CasePlan,
            description: second,
            children: vec![self.kids[0].id.clone()],
            significant_harm: false,
        });
        if self.rng.chance(1, 2) {
            risks.push(Risk {
                id: "r3".into(),
                source: RiskSource::Enquiries,
                description: format!(
                    "{} has shown anxiety at school since the separation.",
                    self.kids[0].first
                ),
                children: vec![self.kids[0].id.clone()],
                significant_harm: false,
            });
        }
        if self.scenario == Scenario::HarmfulParenting && self.rng.chance(1, 3) {
            risks[0].significant_harm = true;
        }
        risks
    }

    fn ciaf(&mut self, risks: &[Risk]) -> Ciaf {
        let non = self.non.rel;
        let res = self.res.rel;
        let names = self.names();
        let kid0 = self.kids[0].first.clone();
        let not_da = || DomesticAbuse {
            status: AreaStatus::NotIdentified,
            indicators: Vec::new(),
            analysis: String::new(),
            fact_finding: None,
            fact_finding_reasons: String::new(),
        };
        let not_hc = || HarmfulConflict {
            status: AreaStatus::NotIdentified,
            indicators: Vec::new(),
            analysis: String::new(),
        };
        let not_cr = || ChildResistance {
            status: AreaStatus::NotIdentified,
            children: Vec::new(),
            reason: None,
            analysis: String::new(),
            behaviour_pattern: None,
            impact: None,
        };
        let not_hp = || HarmfulParenting {
            status: AreaStatus::NotIdentified,
            indicators: Vec::new(),
            analysis: String::new(),
        };
        let mut c = Ciaf {
            domestic_abuse: Some(not_da()),
            harmful_conflict: Some(not_hc()),
            child_resistance: Some(not_cr()),
            harmful_parenting: Some(not_hp()),
        };
        let _ = risks;
        match self.scenario {
            Scenario::DomesticAbuse | Scenario::ThreatsToKill | Scenario::JustifiedRejection => {
                use DomesticAbuseIndicator::*;
                let threats = self.scenario == Scenario::ThreatsToKill;
                let mut indicators = self.rng.some(
                    &[
                        CoerciveControllingBehaviour,
                        PhysicalViolence,
                        PowerImbalance,
                        DegradingHumiliatingBehaviour,
                        StalkingJealousSurveillance,
                    ],
                    2,
                );
                indicators.push(ParentAfraid);
                if threats {
                    indicators.insert(0, ThreatsToKill);
                }
                let fact_finding = *self.rng.pick(&[
                    FactFinding::Recommended,
                    FactFinding::Recommended,
                    FactFinding::NotRecommended,
                    FactFinding::AlreadyDetermined,
                ]);
                let reasons = match fact_finding {
                    FactFinding::Recommended => format!(
                        "The {non} denies the allegations, which are serious and relevant to whether and how {names} can safely spend time with {}. Without findings the risk cannot be assessed, so a fact-finding hearing under PD12J is recommended before any final order.",
                        if non == "father" { "him" } else { "her" }
                    ),
                    FactFinding::NotRecommended => format!(
                        "The {non} accepts most of the behaviour described, and those admissions give a sufficient basis for assessing risk and making welfare recommendations. A fact-finding hearing would add little and would delay a decision for {}.",
                        self.the_children()
                    ),
                    _ => format!(
                        "The court made findings at an earlier hearing, which this assessment accepts and builds on; no further fact-finding hearing is needed. The findings are the basis of the risk analysis for {}.",
                        self.the_children()
                    ),
                };
                let status = if fact_finding == FactFinding::AlreadyDetermined {
                    AreaStatus::Present
                } else {
                    AreaStatus::Alleged
                };
                let analysis = format!(
                    "{} The behaviour described fits a pattern of {} rather than isolated arguments. {} The SafeLives DASH checklist completed with the {res} indicated {} risk. The impact on {names} has come through living with fear and tension at home, and the risk of it recurring is greatest at handovers and in communication about arrangements (r1).",
                    if threats {
                        format!("The {res} describes the {non} threatening to kill {} at the end of the relationship; this is taken seriously until it has been fully assessed.", obj(res))
                    } else {
                        format!("The {res} describes behaviour by the {non} over several years of the relationship, continuing after the separation through messages.")
                    },
                    self.pick(&["coercive and controlling behaviour", "coercive control with some physical violence"]),
                    self.pick(&[
                        "The children were not the direct target, but they were present for much of it.",
                        "The eldest child gave an account consistent with the adult's, unprompted.",
                        "School staff noticed changes in the children's presentation during the same period.",
                    ]),
                    if threats { "high" } else { self.pick(&["standard", "medium"]) },
                );
                c.domestic_abuse = Some(DomesticAbuse {
                    status,
                    indicators,
                    analysis,
                    fact_finding: Some(fact_finding),
                    fact_finding_reasons: reasons,
                });
                if self.scenario == Scenario::JustifiedRejection {
                    c.child_resistance = Some(ChildResistance {
                        status: AreaStatus::Present,
                        children: vec![self.kids[0].id.clone()],
                        reason: Some(ResistanceReason::AppropriateJustifiedRejection),
                        analysis: format!(
                            "Domestic abuse was assessed first. {kid0}'s refusal is consistent, detailed and rooted in what {} saw and experienced: {} describes being frightened of the {non} and gives specific examples. There is no evidence that the {res} has encouraged the refusal; {} has acted protectively. The resistance is assessed as appropriate justified rejection, subject to the court's findings.",
                            self.kids[0].p.sub,
                            self.kids[0].p.sub,
                            if res == "mother" { "she" } else { "he" }
                        ),
                        behaviour_pattern: None,
                        impact: None,
                    });
                }
            }
            Scenario::HarmfulConflict => {
                use HarmfulConflictIndicator::*;
                let indicators = self.rng.some(
                    &[
                        HighMistrust,
                        DifficultyManagingHurtAnger,
                        CommunicationCooperationDifficulties,
                        LossOfFocusOnChild,
                        ProlongedRepeatProceedings,
                    ],
                    3,
                );
                c.harmful_conflict = Some(HarmfulConflict {
                    status: AreaStatus::Present,
                    indicators,
                    analysis: format!(
                        "Domestic abuse was screened for first with the Distinguishing domestic abuse and harmful conflict tool: neither parent describes fear, control or a pattern of one dominating the other, and the arguments are mutual, so this is harmful conflict and not domestic abuse. {} {names} {} (r1).",
                        self.pick(&[
                            "The parents argue at handovers and by text, and each blames the other for every late pick-up.",
                            "This is the parents' third set of proceedings in four years and their mistrust has hardened.",
                            "The parents cannot agree even small changes to arrangements without a dispute.",
                        ]),
                        self.pick(&[
                            "have heard the arguments and are anxious before each handover",
                            "are caught in the middle and carry messages between the households",
                            "have started to avoid talking about one parent in front of the other",
                        ])
                    ),
                });
                if self.rng.chance(1, 3) {
                    c.child_resistance = Some(self.affinity(AreaStatus::Alleged));
                }
            }
            Scenario::Affinity => {
                c.child_resistance = Some(self.affinity(AreaStatus::Present));
                if self.rng.chance(1, 2) {
                    c.harmful_conflict = Some(HarmfulConflict {
                        status: AreaStatus::Alleged,
                        indicators: vec![
                            HarmfulConflictIndicator::CommunicationCooperationDifficulties,
                        ],
                        analysis: format!(
                            "Domestic abuse was screened for first and is not identified. The {non} says the parents' arguments at handovers are harmful to {}; the {res} says they are rare. Both accept that communication is poor, and the children's anxiety around handovers is the main evidence of harm.",
                            self.the_children()
                        ),
                    });
                }
            }
            Scenario::Attachment => {
                let k = &self.kids[self.resisting()];
                c.child_resistance = Some(ChildResistance {
                    status: AreaStatus::Present,
                    children: vec![k.id.clone()],
                    reason: Some(ResistanceReason::Attachment),
                    analysis: format!(
                        "Domestic abuse and harmful parenting were considered first and are not identified. {} is {} and has always been cared for mainly by the {res}. {} cries and clings at handovers but settles within minutes with the {non}, as the contact centre notes record. This is attachment-related resistance, not a rejection of the {non}: shorter, more frequent time with calm handovers is likely to reduce it.",
                        k.first,
                        number_word(k.age),
                        cap(k.p.sub)
                    ),
                    behaviour_pattern: None,
                    impact: None,
                });
            }
            Scenario::Alienation => {
                let pattern = *self
                    .rng
                    .pick(&[BehaviourPattern::Intermittent, BehaviourPattern::Persistent]);
                let impact = *self
                    .rng
                    .pick(&[Impact::Mild, Impact::Moderate, Impact::Severe]);
                let k = &self.kids[0];
                c.child_resistance = Some(ChildResistance {
                    status: if self.rng.chance(1, 3) {
                        AreaStatus::Alleged
                    } else {
                        AreaStatus::Present
                    },
                    children: vec![k.id.clone()],
                    reason: Some(ResistanceReason::Alienation),
                    analysis: format!(
                        "Domestic abuse and other harmful parenting were assessed first and are not identified: there are no allegations against the {non}, and checks raised no concerns. {} had a warm relationship with the {non} until the separation. Since then {} repeats adult phrases about the {non} and cannot give examples of anything that happened. The {res} {}. Using the Typical behaviours tool, the behaviour is assessed as {} and its impact on {} as {}: {}",
                        k.first,
                        k.p.sub,
                        match pattern {
                            BehaviourPattern::Intermittent =>
                                "sometimes speaks of the separation in front of the children and has cancelled visits when angry, but recognises the value of the relationship",
                            BehaviourPattern::Persistent =>
                                "has stopped all contact, describes the other parent as dangerous without examples, and shows no wish to restore the relationship",
                        },
                        match pattern {
                            BehaviourPattern::Intermittent => "intermittent",
                            BehaviourPattern::Persistent => "persistent",
                        },
                        k.first,
                        match impact {
                            Impact::Mild => "mild",
                            Impact::Moderate => "moderate",
                            Impact::Severe => "severe",
                        },
                        match impact {
                            Impact::Mild => format!(
                                "{} still speaks warmly of the {non} when the subject is raised gently.",
                                cap(k.p.sub)
                            ),
                            Impact::Moderate => format!(
                                "{} is anxious and guarded, and school have noticed a change in {} mood.",
                                cap(k.p.sub),
                                k.p.pos
                            ),
                            Impact::Severe => format!(
                                "{} has lost contact with the whole of the {non}'s family and shows signs of significant emotional harm.",
                                cap(k.p.sub)
                            ),
                        }
                    ),
                    behaviour_pattern: Some(pattern),
                    impact: Some(impact),
                });
            }
            Scenario::HarmfulParenting => {
                use HarmfulParentingIndicator::*;
                let risk = risks
                    .first()
                    .map(|r| r.description.clone())
                    .unwrap_or_default();
                let indicator = if risk.contains("drinks") {
                    AlcoholMisuse
                } else if risk.contains("cannabis") {
                    DrugMisuse
                } else {
                    MentalHealth
                };
                let mut indicators = vec![indicator];
                if self.rng.chance(1, 3) {
                    indicators.push(Neglect);
                }
                c.harmful_parenting = Some(HarmfulParenting {
                    status: if self.rng.chance(1, 2) {
                        AreaStatus::Alleged
                    } else {
                        AreaStatus::Present
                    },
                    indicators,
                    analysis: format!(
                        "Domestic abuse was screened for first and is not identified. The {non} {} The concern for {names} is cumulative: missed meals, late pick-ups and unpredictability when the {non} is unwell. The {non} has shown some insight and has engaged with support, but change is recent and not yet tested (r1).",
                        match indicator {
                            AlcoholMisuse =>
                                "accepts drinking most evenings and that it increased after the separation; the Alcohol use tool indicates a harmful pattern.",
                            DrugMisuse =>
                                "accepts using cannabis and, occasionally, cocaine; a hair strand test is awaited.",
                            _ =>
                                "has a diagnosis of depression and periods when the care of the children slips, and is now under the community mental health team.",
                        }
                    ),
                });
            }
        }
        c
    }

    fn affinity(&mut self, status: AreaStatus) -> ChildResistance {
        let k = &self.kids[0];
        let non = self.non.rel;
        let res = self.res.rel;
        ChildResistance {
            status,
            children: vec![k.id.clone()],
            reason: Some(ResistanceReason::AffinityAlignment),
            analysis: format!(
                "Domestic abuse was screened for first and is not identified. {} has always been closer to the {res} and, since the separation, has sided with {} and is angry about the {non}'s new partner. {} does not describe fear or harm, and speaks of good times with the {non}. This is affinity and alignment after a separation, not a rejection of the {non} because of harm.",
                k.first,
                if res == "mother" { "her" } else { "him" },
                cap(k.p.sub)
            ),
            behaviour_pattern: None,
            impact: None,
        }
    }

    fn tools(&mut self) -> Vec<Tool> {
        let mut tools = Vec::new();
        match self.scenario {
            Scenario::DomesticAbuse | Scenario::ThreatsToKill | Scenario::JustifiedRejection => {
                tools.push(Tool {
                    name: "SafeLives DASH checklist".into(),
                    summary: format!("Completed with the {} at interview.", self.res.rel),
                })
            }
            Scenario::HarmfulConflict => tools.push(Tool {
                name: "Distinguishing domestic abuse and harmful conflict tool".into(),
                summary: "No indicators of coercive control; the conflict is mutual.".into(),
            }),
            Scenario::Alienation => tools.push(Tool {
                name: "Typical behaviours tool".into(),
                summary:
                    "Used after the interviews and checks to rate the frequency of each behaviour."
                        .into(),
            }),
            Scenario::HarmfulParenting => tools.push(Tool {
                name: "Parenting daily hassles scale".into(),
                summary: format!(
                    "Completed with the {}: high pressure at bedtime and mornings.",
                    self.non.rel
                ),
            }),
            _ => {}
        }
        if self.kids.iter().any(|k| k.age >= 5) && self.rng.chance(2, 3) {
            tools.push(Tool {
                name: "Three houses tool".into(),
                summary: "Used with the older children to explore worries, good things and dreams."
                    .into(),
            });
        }
        tools
    }

    fn recommendations(
        &mut self,
        risks: &[Risk],
        ciaf: &Ciaf,
        questions: usize,
    ) -> (Vec<Recommendation>, Vec<Considered>) {
        let non = self.non.rel;
        let res = self.res.rel;
        let the = self.the_children();
        let names = self.names();
        let all_risks: Vec<String> = risks.iter().map(|r| r.id.clone()).collect();
        let ids = self.ids();
        let rec = |text: String,
                   order: Option<OrderKind>,
                   addresses: Vec<String>,
                   answers: Vec<u32>| Recommendation {
            text,
            children: Vec::new(),
            addresses,
            answers,
            order,
            differs_from_wishes: false,
            differs_for: Vec::new(),
            telling_the_child: String::new(),
            named_persons: Vec::new(),
            consents: Vec::new(),
            duration_months: None,
            fao_criteria: None,
        };
        let mut recs = Vec::new();
        let mut considered = Vec::new();
        let live = "should continue to live";
        let (main_text, resisting_time) = match self.scenario {
            Scenario::DomesticAbuse | Scenario::ThreatsToKill => (
                format!(
                    "{names} {live} with their {res}. Until the court has decided the allegations, time with the {non} should be supervised at a contact centre once a fortnight, with handovers arranged so that the parents do not meet."
                ),
                false,
            ),
            Scenario::JustifiedRejection => (
                format!(
                    "{names} {live} with their {res}. {} should not be made to spend time with the {non}; indirect contact by letter every month, read first by the {res}, would keep the door open safely.",
                    self.kids[0].first
                ),
                false,
            ),
            Scenario::HarmfulParenting => {
                (
                    format!(
                        "{names} {live} with their {res}, and spend time with the {non} every Saturday from 10am to 4pm, supervised by the {} until the {non} has shown three months of engagement with support.",
                        self.grandparent.as_ref().map_or(
                            "contact centre".to_string(),
                            |g| format!("{} (the {})", g.full, g.rel)
                        )
                    ),
                    false,
                )
            }
            Scenario::Alienation => (
                format!(
                    "{names} {live} with their {res}, and time with the {non} should restart in a supported setting, building from two hours a fortnight to alternate weekends over three months, with handovers at school."
                ),
                true,
            ),
            _ => (
                format!(
                    "{names} {live} with their {res} and spend alternate weekends with their {non}, from Friday after school to Sunday at 5pm, and half of the school holidays, with handovers at school or a neutral place."
                ),
                matches!(self.scenario, Scenario::Affinity | Scenario::Attachment),
            ),
        };
        let mut main = rec(
            main_text,
            Some(OrderKind::ChildArrangements),
            all_risks.clone(),
            vec![1, 2],
        );
        main.children = ids.clone();
        if resisting_time
            && ciaf
                .child_resistance
                .as_ref()
                .is_some_and(|c| c.status.raised())
        {
            let k = &self.kids[self.resisting()];
            main.differs_from_wishes = true;
            if self.kids.len() > 1 {
                main.differs_for = vec![k.id.clone()];
            }
            main.telling_the_child = format!(
                "I will see {} after the hearing{} to explain the court's decision and why, in words suited to {} age, and to tell {} what {} can do if {} is worried.",
                k.first,
                if k.age >= 5 { " at school" } else { " at home" },
                k.p.pos,
                k.p.obj,
                k.p.sub,
                k.p.sub
            );
        }
        recs.push(main);

        let q3 = if questions >= 3 { vec![3] } else { Vec::new() };
        match self.scenario {
            Scenario::DomesticAbuse | Scenario::ThreatsToKill | Scenario::JustifiedRejection => {
                let ff = ciaf.domestic_abuse.as_ref().and_then(|d| d.fact_finding);
                if ff == Some(FactFinding::Recommended) {
                    recs.push(rec(
                        format!("The court should list a fact-finding hearing under PD12J to decide the {res}'s allegations (r1) before making a final order."),
                        Some(OrderKind::FactFinding),
                        vec!["r1".into()],
                        q3.clone(),
                    ));
                } else {
                    recs.push(rec(
                        format!("The {non} should complete a domestic abuse perpetrator programme, and the court should consider its report before time with {the} moves beyond supervised sessions."),
                        Some(OrderKind::Other),
                        vec!["r1".into()],
                        q3.clone(),
                    ));
                }
                if self.scenario == Scenario::ThreatsToKill {
                    recs.push(rec(
                        format!("A safety plan for the {res} and {the}, agreed with the local domestic abuse service, and a prohibited steps order preventing the {non} from removing {the} from school or the {res}'s care."),
                        Some(OrderKind::SafetyPlan),
                        vec!["r1".into()],
                        Vec::new(),
                    ));
                }
            }
            Scenario::HarmfulConflict => {
                recs.push(rec(
                    "Both parents should attend the Planning Together for Children course and agree a Parenting Plan covering handovers, holidays and how they communicate.".into(),
                    Some(OrderKind::ParentingProgramme),
                    vec!["r1".into(), "r2".into()],
                    vec![2],
                ));
            }
            Scenario::Affinity | Scenario::Attachment => {
                recs.push(rec(
                    format!("The parents should agree a Parenting Plan with shorter, more frequent time at first and calm handovers, reviewed after three months, so that {} can build confidence.", self.kids[self.resisting()].first),
                    Some(OrderKind::ParentingPlan),
                    vec!["r1".into(), "r2".into()],
                    vec![2],
                ));
            }
            Scenario::Alienation => {
                recs.push(rec(
                    format!("A children's guardian should be appointed for {the} under r16.4, with a remit to advise on the resistance and on restoring the relationship with the {non}."),
                    Some(OrderKind::ChildrensGuardian),
                    vec!["r1".into()],
                    q3.clone(),
                ));
                considered.push(Considered {
                    order: OrderKind::FactFinding,
                    reason: "There are no allegations of harm against either parent to be decided; the dispute is about the children's resistance, which does not need findings of fact.".into(),
                });
                considered.push(Considered {
                    order: OrderKind::ExpertAssessment,
                    reason: "An expert assessment should be considered by the children's guardian once appointed; it is not needed before the guardian has met the family.".into(),
                });
                if ciaf.child_resistance.as_ref().and_then(|c| c.impact) == Some(Impact::Severe) {
                    recs.push(rec(
                        format!("The court should direct a report from the local authority under s37, which must be provided within eight weeks unless the court directs otherwise, given the significant emotional harm to {}.", self.kids[0].first),
                        Some(OrderKind::S37Report),
                        vec!["r1".into()],
                        Vec::new(),
                    ));
                }
            }
            Scenario::HarmfulParenting => {
                recs.push(rec(
                    format!("The {non} should provide the results of hair strand or blood testing over three months and continue to engage with support services; time with {the} should extend only when the results are clear."),
                    Some(OrderKind::Other),
                    vec!["r1".into()],
                    q3.clone(),
                ));
                if risks.iter().any(|r| r.significant_harm) {
                    recs.push(rec(
                        format!("A referral to the local authority children's services, because of the risk of significant harm to {the} from neglect while in the {non}'s care."),
                        Some(OrderKind::LocalAuthorityReferral),
                        vec!["r1".into()],
                        Vec::new(),
                    ));
                }
            }
        }

        // A family assistance order where the parents can co-operate.
        let fao_fits = matches!(
            self.scenario,
            Scenario::HarmfulConflict | Scenario::Affinity | Scenario::Attachment
        );
        if fao_fits && self.rng.chance(1, 2) {
            let months = *self.rng.pick(&[6u32, 6, 9, 12]);
            let mut fao = rec(
                format!(
                    "A family assistance order for {} months, naming both parents, to help them manage handovers and communication as the new arrangements start.",
                    number_word(i64::from(months))
                ),
                Some(OrderKind::FamilyAssistance),
                vec!["r2".into()],
                vec![2],
            );
            fao.named_persons = vec!["mother".into(), "father".into()];
            fao.consents = vec!["mother".into(), "father".into()];
            fao.duration_months = Some(months);
            fao.fao_criteria = Some(FaoCriteria {
                welfare_improves: format!("Calmer handovers would reduce {}'s anxiety.", self.kids[0].first),
                achievable_target: "Handovers without argument, and a working Parenting Plan, within the order's term.".into(),
                parents_cooperate: "Both parents have said they will work with the officer.".into(),
                feelings_separated: "Both parents could focus on the children at interview when supported.".into(),
                without_support: "The parents have not managed to agree arrangements without help.".into(),
                child_wishes: format!("{names} have said they want the arguing to stop.").replace(" have said", if self.kids.len() == 1 { " has said" } else { " have said" }),
                other_resources: self.grandparent.as_ref().map_or("The children's school has offered a quiet place for handovers.".to_string(), |g| format!("{} can help with handovers.", g.full)),
                reporting: "A short report to the court at the end of the order on how the arrangements are working.".into(),
            });
            recs.push(fao);
        }

        if !matches!(self.scenario, Scenario::Alienation) {
            considered.push(Considered {
                order: OrderKind::ChildrensGuardian,
                reason: format!("The views of {the} have been heard and reported; the case is not complex enough to need a children's guardian under r16.4."),
            });
        }
        if !recs.iter().any(|r| {
            matches!(
                r.order,
                Some(OrderKind::S37Report | OrderKind::LocalAuthorityReferral)
            )
        }) {
            considered.push(Considered {
                order: OrderKind::S37Report,
                reason: "Nothing suggests that a care or supervision order may be appropriate."
                    .into(),
            });
        }
        (recs, considered)
    }

    fn child(&mut self, i: usize, risks: &[Risk], ciaf: &Ciaf) -> Child {
        let (first, full, age, born, p, id) = {
            let k = &self.kids[i];
            (
                k.first.clone(),
                k.full.clone(),
                k.age,
                k.born,
                k.p,
                k.id.clone(),
            )
        };
        let res = self.res.rel;
        let non = self.non.rel;
        let res_name = self.res.full.clone();
        let non_name = self.non.full.clone();
        let resisting = ciaf
            .child_resistance
            .as_ref()
            .is_some_and(|c| c.status.raised() && c.children.contains(&id));
        let reason = ciaf.child_resistance.as_ref().and_then(|c| c.reason);
        let school = if age >= 11 {
            format!("Year {} at {} Academy", age - 4, self.town)
        } else if age >= 5 {
            format!("Year {} at {} Primary School", age - 4, self.town)
        } else if age == 4 {
            format!("Reception at {} Primary School", self.town)
        } else {
            "nursery three days a week".to_string()
        };
        let hobby = self.pick(&[
            "football",
            "drawing",
            "swimming",
            "dancing",
            "Lego",
            "reading",
            "gymnastics",
            "cooking with the family",
            "gaming with friends",
            "music",
        ]);
        let profile = format!(
            "{first} is {} and {} {school}. {} enjoys {hobby} and is described by {} teachers as {}.",
            number_word(age),
            if age >= 4 { "is in" } else { "attends" },
            cap(p.sub),
            p.pos,
            self.pick(&[
                "kind and sociable",
                "quiet but settled",
                "bright and curious",
                "lively and popular"
            ]),
        );
        let own_words: Vec<String> = if age >= 4 {
            let pool: Vec<String> = match (resisting, reason) {
                (true, Some(ResistanceReason::AppropriateJustifiedRejection)) => vec![
                    format!(
                        "I don't want to see {} because {} scares me.",
                        if non == "father" { "Dad" } else { "Mum" },
                        if non == "father" { "he" } else { "she" }
                    ),
                    "I feel safe at home now. I want it to stay like this.".into(),
                ],
                (true, Some(ResistanceReason::Alienation)) => vec![
                    format!(
                        "{} doesn't care about us. Everyone knows that.",
                        if non == "father" { "Dad" } else { "Mum" }
                    ),
                    "I don't want to talk about it.".into(),
                ],
                (true, Some(ResistanceReason::Attachment)) => vec![
                    format!(
                        "I want {}.",
                        if res == "mother" { "Mummy" } else { "Daddy" }
                    ),
                    format!(
                        "{}'s house has a swing.",
                        if non == "father" { "Daddy" } else { "Mummy" }
                    ),
                ],
                (true, _) => vec![
                    format!(
                        "I'd rather stay with {} at weekends.",
                        if res == "mother" { "Mum" } else { "Dad" }
                    ),
                    format!(
                        "{} is alright, I just don't like the new house.",
                        if non == "father" { "Dad" } else { "Mum" }
                    ),
                ],
                _ => vec![
                    format!(
                        "I like going to {}'s but not when they argue.",
                        if non == "father" { "Dad" } else { "Mum" }
                    ),
                    format!(
                        "I want to see {} more. Maybe sleepovers.",
                        if non == "father" { "Dad" } else { "Mum" }
                    ),
                    "I just want everyone to be happy.".into(),
                    "Can I have my own room at both houses?".into(),
                ],
            };
            let n = if age >= 8 { 2 } else { 1 };
            self.rng.some(&pool, n)
        } else {
            Vec::new()
        };
        let no_words = if age < 4 {
            format!(
                "{first} is {} and too young to put {} wishes into words; {} was observed with each parent instead.",
                number_word(age),
                p.pos,
                p.sub
            )
        } else {
            String::new()
        };
        let risk_ids: Vec<&str> = risks.iter().map(|r| r.id.as_str()).collect();
        let wishes = if age < 4 {
            format!(
                "{first} is too young to express wishes in words. Observation shows {} is relaxed and affectionate with both parents, looks to the {res} for comfort, and enjoys play with the {non}. {} feelings are best understood through {} behaviour and routines.",
                p.sub,
                cap(p.pos),
                p.pos
            )
        } else if resisting {
            format!(
                "{first} says clearly that {} does not want to spend {} time with the {non}. Given {} age and understanding {} views carry weight, but they are considered alongside the reasons for them, which are analysed in the CIAF section, and {} long-term need for a relationship with both parents where that is safe.",
                p.sub,
                if reason == Some(ResistanceReason::AffinityAlignment) {
                    "more"
                } else {
                    "any"
                },
                p.pos,
                p.pos,
                p.pos
            )
        } else {
            format!(
                "{first} was seen alone and spoke openly. {} wants to keep living with the {res} and to see the {non} {}. {} views are consistent with what {} said to {} teacher and carry weight given {} age and understanding.",
                cap(p.sub),
                self.pick(&[
                    "more often",
                    "regularly, including some weekends",
                    "without the arguments"
                ]),
                cap(p.pos),
                p.sub,
                p.pos,
                p.pos
            )
        };
        let needs = format!(
            "{first}'s physical and educational needs are met: {} attendance is good and {} health is good. Emotionally {} needs predictable routines, calm handovers and reassurance that {} does not have to choose between {} parents. {}",
            p.pos,
            p.pos,
            p.sub,
            p.sub,
            p.pos,
            self.pick(&[
                "School report that concentration dips after difficult weekends.",
                "A school nurse has offered drop-in sessions, which help.",
                "Friendships at school are a strength to build on.",
            ])
        );
        let effect = format!(
            "{first} has already experienced the separation and changes in where {} spends time. {} A gradual change, explained to {} in advance, is likely to be manageable; an abrupt change, or one made without addressing the concerns in this report, is not.",
            p.sub,
            self.pick(&[
                "Staying at the same school and keeping friendships matters to stability.",
                "Moving between two homes has been unsettling at times.",
                "The loss of regular time with one side of the family has been felt keenly.",
            ]),
            p.obj
        );
        let characteristics = format!(
            "{first} is a {}-year-old {} {}; {}, and {}. {} identity is tied to both sides of {} family and their {} heritage. {}",
            number_word(age),
            self.h.ethnicity,
            p.kid,
            self.h.language,
            self.h.faith,
            cap(p.pos),
            p.pos,
            self.h.ethnicity.trim_start_matches("Black British of ").trim_end_matches(" heritage"),
            self.pick(&[
                "There are no additional needs.",
                "There are no diagnosed additional needs, though the school is monitoring speech and language.",
                "There are no additional needs; a referral for an autism assessment was considered and not made.",
            ])
        );
        let harm = format!(
            "{} {}",
            match self.scenario {
                Scenario::DomesticAbuse
                | Scenario::ThreatsToKill
                | Scenario::JustifiedRejection => format!(
                    "{first} has lived with the domestic abuse alleged by the {res} (r1) and is at risk of emotional harm, and of physical harm if arrangements are unsafe."
                ),
                Scenario::HarmfulConflict => format!(
                    "{first} has been exposed to the parents' conflict at handovers (r1) and is at risk of emotional harm if it continues."
                ),
                Scenario::HarmfulParenting => format!(
                    "{first} is at risk of harm from inconsistent care when the {non} is unwell or using substances (r1)."
                ),
                Scenario::Alienation => format!(
                    "{first} is at risk of emotional harm from the loss of a relationship with the {non} and from being drawn into the adults' dispute (r1)."
                ),
                _ => format!(
                    "{first} has not suffered physical harm. The risk is emotional: being caught between the parents (r2) and the loss of a relationship that matters."
                ),
            },
            if risk_ids.contains(&"r3") && i == 0 {
                "School have noticed anxiety since the separation (r3), which is monitored."
            } else {
                "No other harm was identified in the checks."
            }
        );
        let capacity = format!(
            "{res_name} ({res}) meets {first}'s day-to-day needs well and {}. {non_name} ({non}) {}",
            self.pick(&[
                "has kept routines steady through a difficult year",
                "works closely with the school",
                "has protected the children from the worst of the dispute",
            ]),
            match self.scenario {
                Scenario::DomesticAbuse
                | Scenario::ThreatsToKill
                | Scenario::JustifiedRejection =>
                    "is warm with the children in supervised time, but has not yet shown insight into the effect of the behaviour alleged on the children; capacity to keep them safe cannot be confirmed until the allegations are resolved.",
                Scenario::HarmfulParenting =>
                    "loves the children and can meet their needs when well, but the care given has been unreliable; capacity depends on sustained change.",
                _ =>
                    "is warm and attuned in the time observed and can meet the children's needs; both parents need support to keep the children out of their disagreements.",
            }
        );
        let powers = format!(
            "The court may make a child arrangements order for {first}, a prohibited steps or specific issue order, a family assistance order under s16, or no order. {}",
            self.pick(&[
                "Given the history of dispute, an order is likely to be better for the child than none.",
                "An order would give the certainty that has been missing since the separation.",
                "Without an order the arrangements are likely to break down again.",
            ])
        );
        Child {
            id,
            name: full,
            date_of_birth: Some(date(born)),
            lives_with: vec![self.res.id.to_string()],
            profile,
            own_words,
            no_own_words_reason: no_words,
            not_seen_reason: String::new(),
            welfare: Welfare {
                wishes_feelings: wishes,
                needs,
                effect_of_change: effect,
                characteristics,
                harm,
                parenting_capacity: capacity,
                court_powers: powers,
            },
        }
    }

    fn enquiries(&mut self) -> Vec<Enquiry> {
        let a = self.application;
        let res = self.res.id.to_string();
        let non = self.non.id.to_string();
        let ids = self.ids();
        let la_record = self.pick(&[
            "no record of involvement with the family.",
            "a single assessment two years ago, closed with no further action.",
        ]);
        let mut e = vec![
            Enquiry {
                kind: EnquiryKind::PoliceCheck,
                with: vec![res.clone(), non.clone()],
                date: Some(date(days(a, self.rng.range(5, 15)))),
                summary: self
                    .pick(&[
                        "Police: no recorded incidents involving the family.",
                        "Police: one call-out to the family home during the relationship; no further action.",
                        "Police: two domestic incidents recorded; no charges.",
                    ])
                    .to_string(),
            },
            Enquiry {
                kind: EnquiryKind::LocalAuthorityCheck,
                with: vec![res.clone(), non.clone()],
                date: Some(date(days(a, self.rng.range(5, 15)))),
                summary: format!(
                    "{} Children's Services: {}",
                    self.town,
                    la_record
                ),
            },
        ];
        let t0 = self.rng.range(40, 70);
        e.push(Enquiry {
            kind: EnquiryKind::Interview,
            with: vec![res.clone()],
            date: Some(date(days(a, t0))),
            summary: format!(
                "Interview with {} at the Cafcass office.",
                self.res.titled()
            ),
        });
        e.push(Enquiry {
            kind: EnquiryKind::Interview,
            with: vec![non.clone()],
            date: Some(date(days(a, t0 + self.rng.range(1, 7)))),
            summary: format!(
                "Interview with {} at the Cafcass office.",
                self.non.titled()
            ),
        });
        for (i, k) in self.kids.iter().enumerate() {
            let when = days(a, t0 + 14 + 3 * i as i64);
            if k.age >= 5 {
                e.push(Enquiry {
                    kind: EnquiryKind::Interview,
                    with: vec![k.id.clone()],
                    date: Some(date(when)),
                    summary: format!(
                        "{} seen alone at school, using drawings and a scaling exercise.",
                        k.first
                    ),
                });
            }
        }
        let mut observed = ids.clone();
        observed.push(non.clone());
        e.push(Enquiry {
            kind: EnquiryKind::Observation,
            with: observed,
            date: Some(date(days(a, t0 + 30))),
            summary: format!(
                "Observed time between {} and the {}.",
                self.the_children(),
                self.non.rel
            ),
        });
        let mut home = vec![res.clone()];
        home.extend(ids);
        e.push(Enquiry {
            kind: EnquiryKind::HomeVisit,
            with: home,
            date: Some(date(days(a, t0 + 36))),
            summary: format!(
                "Home visit to {} and {}.",
                self.res.titled(),
                self.the_children()
            ),
        });
        e.push(Enquiry {
            kind: EnquiryKind::School,
            with: Vec::new(),
            date: Some(date(days(a, t0 + 40))),
            summary:
                "Telephone discussion with the class teacher and the designated safeguarding lead."
                    .into(),
        });
        // Never after signing.
        for q in &mut e {
            if let Some(d) = q.date
                && d.0 > self.signed
            {
                q.date = Some(date(days(self.signed, -1)));
            }
        }
        e
    }

    fn analysis(&mut self, tools: &[Tool], ciaf: &Ciaf) -> Analysis {
        let names = self.names();
        let res = self.res.rel;
        let non = self.non.rel;
        let per_child: Vec<String> = self
            .kids
            .iter()
            .map(|k| {
                format!(
                    "{} was observed with each parent: {}.",
                    k.first,
                    match (k.age, self.scenario) {
                        (a, _) if a < 4 => "relaxed and playful, seeking comfort from the resident parent when tired",
                        (_, Scenario::Alienation | Scenario::JustifiedRejection) => "watchful and quiet with the other parent, animated at home",
                        _ => "at ease, affectionate and able to talk about both homes",
                    }
                )
            })
            .collect();
        let tool_text: String = tools
            .iter()
            .map(|t| match t.name.as_str() {
                "Three houses tool" => " The Three houses tool showed the children's main worry is the adults' arguments.".to_string(),
                name => format!(" The {name} informed this assessment, as summarised above."),
            })
            .collect();
        let concern = match self.scenario {
            Scenario::DomesticAbuse | Scenario::ThreatsToKill | Scenario::JustifiedRejection => {
                "the domestic abuse alleged and the fear it has left"
            }
            Scenario::HarmfulConflict => "the parents' conflict",
            Scenario::HarmfulParenting => "inconsistent care",
            Scenario::Alienation => "the loss of a relationship with one parent",
            _ => "the change in their relationships since the separation",
        };
        let _ = ciaf;
        Analysis {
            child_impact: format!(
                "{} The impact of the separation on {names} has come mainly through {concern}.{tool_text}",
                per_child.join(" ")
            ),
            assessment: format!(
                "The evidence points to {names} being safest and most settled living with the {res}, with time with the {non} arranged so that the concerns identified (r1) are managed. What has happened, what is happening now and what might happen next have each been weighed, together with how likely the risks are to recur and how serious the impact would be."
            ),
            bias_reflection: format!(
                "I have considered whether assumptions about {} as carers, or my own cultural norms about {} family life, shaped my view, and whether either parent's presentation at interview influenced me more than the evidence. I have tested my conclusions against what the children said and what I observed.",
                self.pick(&["mothers and fathers", "resident and non-resident parents"]),
                self.h.ethnicity
            ),
            no_order: format!(
                "The parents have not been able to agree arrangements without the court. An order is likely to be better for {names} than no order, because it gives them predictability and sets out how the risks are managed."
            ),
        }
    }

    fn risk_assessments(&mut self, ciaf: &Ciaf) -> Vec<RiskAssessment> {
        let raised = ciaf
            .domestic_abuse
            .as_ref()
            .is_some_and(|d| d.status.raised())
            || ciaf
                .harmful_parenting
                .as_ref()
                .is_some_and(|h| h.status.raised());
        if !raised {
            return Vec::new();
        }
        vec![RiskAssessment {
            children: self.ids(),
            date: Some(date(days(self.application, 60))),
            trigger: format!(
                "The {}'s account at interview of the {}'s behaviour, and its effect on the children.",
                self.res.rel, self.non.rel
            ),
            outcome: self
                .pick(&[
                    "The risk of harm is assessed as medium; supervised time is safe while the allegations are decided.",
                    "The risk of harm is assessed as low provided the arrangements recommended are in place.",
                ])
                .to_string(),
        }]
    }

    fn parties(&mut self) -> Vec<Party> {
        let applicant_is_non =
            !matches!(self.scenario, Scenario::JustifiedRejection) || self.rng.chance(1, 2);
        let (res_role, non_role) = if applicant_is_non {
            (PartyRole::Respondent, PartyRole::Applicant)
        } else {
            (PartyRole::Applicant, PartyRole::Respondent)
        };
        let the = self.the_children();
        let job = |rng: &mut Rng| {
            *rng.pick(&[
                "works part time in a school kitchen",
                "is a delivery driver",
                "works as a nurse on a hospital ward",
                "runs a small cleaning business",
                "is studying accountancy at college",
                "works in a warehouse on shifts",
                "is a hairdresser",
                "works in IT support",
            ])
        };
        let mut parties = Vec::new();
        for (a, role, resident) in [(&self.res, res_role, true), (&self.non, non_role, false)] {
            let age = self.rng.range(26, 48);
            parties.push(Party {
                id: a.id.to_string(),
                name: a.full.clone(),
                relationship: a.rel.to_string(),
                role,
                profile: format!("{} is {age} and {}.", a.titled(), job(&mut self.rng)),
                response: if resident {
                    format!("{} wants {} to remain in {} care and supports time with the other parent that is safe and predictable.", a.titled(), the, a.pos())
                } else {
                    format!("{} seeks more time with {}, including overnight stays.", a.titled(), the)
                },
            });
        }
        if let Some(g) = &self.grandparent {
            parties.push(Party {
                id: g.id.to_string(),
                name: g.full.clone(),
                relationship: g.rel.to_string(),
                role: PartyRole::Other,
                profile: format!(
                    "{} lives nearby and helps with school collections.",
                    g.titled()
                ),
                response: String::new(),
            });
        }
        parties
    }

    fn background(&mut self) -> Background {
        let together = self.rng.range(4, 14);
        let sep_months = self.rng.range(3, 18);
        let separated = days(self.application, -30 * sep_months);
        let records = self.pick(&[
            "no significant records about the family",
            "limited records about the family, set out in the checks below",
        ]);
        let now = self.pick(&[
            "Time with the other parent is irregular and agreed week by week.",
            "Time with the other parent has been supervised at a contact centre since the interim order.",
            "There has been no direct time with the other parent for several months.",
        ]);
        Background {
            history: format!(
                "{} and {} were together for {} years and separated in {} {}. {} have lived with their {} since then. Arrangements for time with the {} broke down and the application was made on {}.",
                self.res.full,
                self.non.full,
                number_word(together),
                separated.month(),
                separated.year(),
                self.names(),
                self.res.rel,
                self.non.rel,
                Date(self.application).long()
            )
            .replace(
                " have lived with their",
                if self.kids.len() == 1 {
                    if self.kids[0].p.pos == "his" { " has lived with his" } else { " has lived with her" }
                } else {
                    " have lived with their"
                },
            ),
            agency_involvement: format!(
                "{} Children's Services and the police hold {}. The school is the main agency involved.",
                self.town,
                records
            ),
            current_arrangements: format!(
                "{} lives with the {}. {}",
                self.names(),
                self.res.rel,
                now
            )
            .replacen(" lives with", if self.kids.len() == 1 { " lives with" } else { " live with" }, 1),
        }
    }
}

impl Adult {
    /// "Ms Nowak".
    fn titled(&self) -> String {
        let surname = self.full.split_whitespace().last().unwrap_or(&self.full);
        format!("{} {surname}", self.title)
    }

    fn pos(&self) -> &'static str {
        if self.rel.contains("father") {
            "his"
        } else {
            "her"
        }
    }

    /// "the mother".
    fn rel_the(&self) -> String {
        format!("the {}", self.rel)
    }
}

/// Why writing samples failed.
#[derive(Debug)]
pub enum GenerateError {
    Serialize(String),
    Folder {
        path: PathBuf,
        error: std::io::Error,
    },
    Write(WriteError),
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenerateError::Serialize(m) => write!(f, "cannot write a record as TOML: {m}"),
            GenerateError::Folder { path, error } => {
                write!(f, "cannot create the folder {}: {error}", path.display())
            }
            GenerateError::Write(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for GenerateError {}

/// Keys whose values are dates: written as TOML dates, not strings.
const DATE_KEYS: &[&str] = &[
    "application_date",
    "hearing_date",
    "filing_date",
    "date_signed",
    "date_of_birth",
    "date",
];

/// The record as TOML, via the serializer: dates as TOML dates, empty and default
/// values left out so the file reads like one written by hand.
pub fn to_toml(record: &CaseRecord) -> Result<String, GenerateError> {
    let mut value =
        toml::Value::try_from(record).map_err(|e| GenerateError::Serialize(e.to_string()))?;
    tidy(&mut value);
    let body =
        toml::to_string_pretty(&value).map_err(|e| GenerateError::Serialize(e.to_string()))?;
    Ok(format!(
        "# A fictional case record generated by `courtreport sample`. Every name, place and\n# event in it is invented.\n\n{body}"
    ))
}

fn tidy(value: &mut toml::Value) {
    match value {
        toml::Value::Table(table) => {
            table.retain(|_, v| match v {
                toml::Value::String(s) => !s.is_empty(),
                toml::Value::Array(a) => !a.is_empty(),
                toml::Value::Boolean(b) => *b,
                _ => true,
            });
            for (key, v) in table.iter_mut() {
                if DATE_KEYS.contains(&key.as_str())
                    && let toml::Value::String(s) = v
                    && let Ok(d) = s.parse::<toml::value::Datetime>()
                {
                    *v = toml::Value::Datetime(d);
                }
                tidy(v);
            }
        }
        toml::Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// The file name of record `index` (0-based) in a set of `count`: `case-007.toml`.
pub fn file_name(index: u64, count: u64) -> String {
    let width = count.max(1).to_string().len().max(3);
    format!("case-{:0width$}.toml", index + 1)
}

/// Writes `count` records of `seed` into `out` (created if missing), atomically, and
/// never over an existing file unless `force`.
pub fn write_samples(
    out: &Path,
    count: u64,
    seed: u64,
    force: bool,
) -> Result<Vec<PathBuf>, GenerateError> {
    std::fs::create_dir_all(out).map_err(|error| GenerateError::Folder {
        path: out.to_path_buf(),
        error,
    })?;
    let mut written = Vec::with_capacity(count as usize);
    for index in 0..count {
        let text = to_toml(&record(seed, index))?;
        let path = out.join(file_name(index, count));
        write_atomic(&path, text.as_bytes(), force).map_err(GenerateError::Write)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::ResistanceReason;

    fn load(seed: u64, index: u64) -> (String, crate::record::CaseFile) {
        let text = to_toml(&record(seed, index)).unwrap();
        let file = crate::record::parse(Path::new("gen.toml"), text.clone())
            .unwrap_or_else(|e| panic!("seed {seed} record {index} does not load: {e}\n{text}"));
        (text, file)
    }

    #[test]
    fn generated_records_pass_the_checker_without_errors() {
        let mut warnings = std::collections::BTreeMap::new();
        for seed in 0..20u64 {
            for index in 0..10u64 {
                let (text, file) = load(seed, index);
                let findings = crate::check::check(&file);
                let errors: Vec<String> = findings
                    .iter()
                    .filter(|f| f.is_error())
                    .map(|f| f.render_human(Path::new("gen.toml")))
                    .collect();
                assert!(
                    errors.is_empty(),
                    "seed {seed} record {index}:\n{}\n---\n{text}",
                    errors.join("\n")
                );
                for f in findings {
                    *warnings.entry(f.code).or_insert(0) += 1;
                }
            }
        }
        assert!(
            warnings.is_empty(),
            "warnings over 200 records: {warnings:?}"
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        for index in 0..5 {
            assert_eq!(
                to_toml(&record(42, index)).unwrap(),
                to_toml(&record(42, index)).unwrap()
            );
        }
        assert_ne!(
            to_toml(&record(42, 0)).unwrap(),
            to_toml(&record(43, 0)).unwrap()
        );
    }

    #[test]
    fn every_ciaf_area_and_each_reason_is_covered() {
        let mut reasons = std::collections::BTreeSet::new();
        let mut areas = [false; 4];
        for index in 0..100 {
            let rec = record(7, index);
            let c = &rec.ciaf;
            let raised = [
                c.domestic_abuse.as_ref().is_some_and(|a| a.status.raised()),
                c.harmful_conflict
                    .as_ref()
                    .is_some_and(|a| a.status.raised()),
                c.child_resistance
                    .as_ref()
                    .is_some_and(|a| a.status.raised()),
                c.harmful_parenting
                    .as_ref()
                    .is_some_and(|a| a.status.raised()),
            ];
            for (seen, now) in areas.iter_mut().zip(raised) {
                *seen |= now;
            }
            if let Some(cr) = &c.child_resistance
                && cr.status.raised()
                && let Some(r) = cr.reason
            {
                reasons.insert(format!("{r:?}"));
            }
        }
        assert_eq!(areas, [true; 4]);
        for r in [
            ResistanceReason::AppropriateJustifiedRejection,
            ResistanceReason::AffinityAlignment,
            ResistanceReason::Attachment,
            ResistanceReason::Alienation,
        ] {
            assert!(reasons.contains(&format!("{r:?}")), "{r:?} never generated");
        }
    }

    #[test]
    fn dates_are_toml_dates() {
        let (text, _) = load(1, 0);
        assert!(text.contains("\nhearing_date = 20"), "{text}");
        assert!(!text.contains("hearing_date = \""), "{text}");
    }
}
