//! The case record: the contract shared by the samples, the checker and the templates.
//!
//! Strict on purpose: every struct denies unknown fields so that a typo in a key is an
//! error with a suggestion, never a silently empty section of a report. Narrative fields
//! are CommonMark. People are referred to by `id` everywhere else in the record.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::Date;

/// One case: everything a welfare report draft is made from.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseRecord {
    /// The report being written: court, case number, dates, author, the court's questions.
    pub report: Report,
    /// The background to the application, as the adviser found it.
    #[serde(default)]
    pub background: Background,
    /// The adults who are parties to the proceedings (and others relevant to the child).
    #[serde(default)]
    pub parties: Vec<Party>,
    /// Each child the application concerns.
    #[serde(default)]
    pub children: Vec<Child>,
    /// What was done, with whom, when: interviews, observations, checks.
    #[serde(default)]
    pub enquiries: Vec<Enquiry>,
    /// Risks raised at the start (safeguarding letter, case plan) or found since: the
    /// start of the golden thread that every later section must account for.
    #[serde(default)]
    pub risks: Vec<Risk>,
    /// Risk assessments made under s16A Children Act 1989.
    #[serde(default)]
    pub risk_assessments: Vec<RiskAssessment>,
    /// Assessment tools and guides used, each summarised in the analysis.
    #[serde(default)]
    pub tools_used: Vec<Tool>,
    /// The four areas of the Child Impact Assessment Framework.
    #[serde(default)]
    pub ciaf: Ciaf,
    /// The child impact analysis, the structured professional assessment and reflection.
    #[serde(default)]
    pub analysis: Analysis,
    /// The recommendations to the court.
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
    /// Orders and steps considered and reasoned out (not recommended), with why.
    #[serde(default)]
    pub considered: Vec<Considered>,
}

/// The kind of report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReportKind {
    /// A welfare report under s7 Children Act 1989.
    Section7,
    /// A child impact report (the 2017 child impact analysis template).
    ChildImpact,
}

impl ReportKind {
    pub const ALL: [ReportKind; 2] = [ReportKind::Section7, ReportKind::ChildImpact];

    /// The value written in a record (`section7`, `child-impact`).
    pub fn key(self) -> &'static str {
        match self {
            ReportKind::Section7 => "section7",
            ReportKind::ChildImpact => "child-impact",
        }
    }

    /// The title of the report as printed.
    pub fn title(self) -> &'static str {
        match self {
            ReportKind::Section7 => "Section 7 Report",
            ReportKind::ChildImpact => "Child Impact Report",
        }
    }
}

/// Whether the report is still a draft; a draft is marked DRAFT on every page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// A draft: marked DRAFT on every page.
    #[default]
    Draft,
    /// The final report, ready to file.
    Final,
}

/// The report being written: court, case number, dates, author, the court's questions.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The kind of report: a Section 7 welfare report or a child impact report.
    pub kind: ReportKind,
    /// `draft` (default: DRAFT on every page) or `final`.
    #[serde(default)]
    pub status: ReportStatus,
    /// The court, e.g. "Family Court at Exampleton".
    #[serde(default)]
    pub court: String,
    /// The case number as on the court's order.
    #[serde(default)]
    pub case_number: String,
    /// The application before the court.
    #[serde(default)]
    pub application: String,
    /// When the application was issued; enquiries cannot predate it.
    #[serde(default)]
    pub application_date: Option<Date>,
    /// The type of the next hearing, e.g. "Dispute Resolution Appointment".
    #[serde(default)]
    pub hearing_type: String,
    /// The date of the next hearing.
    #[serde(default)]
    pub hearing_date: Option<Date>,
    /// The date the court directed the report be filed by.
    #[serde(default)]
    pub filing_date: Option<Date>,
    /// The date the author signed the report.
    #[serde(default)]
    pub date_signed: Option<Date>,
    /// The author of the report.
    #[serde(default)]
    pub author: Author,
    /// The specific matters the court directed the report to address (PD12B 14.13).
    #[serde(default)]
    pub questions: Vec<String>,
    /// Orders currently in force, if any.
    #[serde(default)]
    pub current_orders: Vec<String>,
    /// The children's solicitor, if any.
    #[serde(default)]
    pub childrens_solicitor: String,
}

/// The author of the report: name, role and organisation, for the cover and signature.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// The author's name as it appears on the signature block.
    #[serde(default)]
    pub name: String,
    /// e.g. "Family Court Adviser".
    #[serde(default)]
    pub role: String,
    /// e.g. "Cafcass" or "Cafcass Cymru".
    #[serde(default)]
    pub organisation: String,
}

/// The background to the application, as the adviser found it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Background {
    /// The family's history and how the application came about (CommonMark).
    #[serde(default)]
    pub history: String,
    /// Children's services and other agencies' involvement (CommonMark).
    #[serde(default)]
    pub agency_involvement: String,
    /// Where the children live now and the time they spend with each adult (CommonMark).
    #[serde(default)]
    pub current_arrangements: String,
}

/// An adult: a party to the proceedings, or another adult relevant to the child.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// How the rest of the record refers to this person, e.g. "mother".
    pub id: String,
    /// The person's full name, as in the court papers.
    pub name: String,
    /// Relationship to the children, e.g. "mother", "father", "maternal grandmother".
    #[serde(default)]
    pub relationship: String,
    /// `applicant`, `respondent`, `intervener`, or `other` for a non-party.
    #[serde(default)]
    pub role: PartyRole,
    /// Profile of the adult (CommonMark).
    #[serde(default)]
    pub profile: String,
    /// Their response to the current circumstances and their proposals (CommonMark).
    #[serde(default)]
    pub response: String,
}

/// A person's role in the proceedings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    /// The party who made the application.
    Applicant,
    /// A party responding to the application.
    Respondent,
    /// A person the court has joined to the proceedings.
    Intervener,
    /// Not a party: another adult relevant to the child (the default).
    #[default]
    Other,
}

impl PartyRole {
    pub fn label(self) -> &'static str {
        match self {
            PartyRole::Applicant => "Applicant",
            PartyRole::Respondent => "Respondent",
            PartyRole::Intervener => "Intervener",
            PartyRole::Other => "Not a party",
        }
    }
}

/// A child the application concerns.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Child {
    /// How the rest of the record refers to this child, e.g. "ella".
    pub id: String,
    /// The child's full name, as in the court papers.
    pub name: String,
    /// The child's date of birth.
    pub date_of_birth: Option<Date>,
    /// Ids of the adults the child lives with.
    #[serde(default)]
    pub lives_with: Vec<String>,
    /// Profile of the child, including identity and diversity (CommonMark).
    #[serde(default)]
    pub profile: String,
    /// The child's own words, as said, each quoted in the report.
    #[serde(default)]
    pub own_words: Vec<String>,
    /// Why there are no own words: age, communication, declined, not seen.
    #[serde(default)]
    pub no_own_words_reason: String,
    /// Why the child was not seen (interview or observation), when not.
    #[serde(default)]
    pub not_seen_reason: String,
    /// The welfare checklist analysis for this child, s1(3)(a)-(g).
    #[serde(default)]
    pub welfare: Welfare,
}

/// The welfare checklist, Children Act 1989 s1(3): one analysis per item, per child.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Welfare {
    /// (a) "the ascertainable wishes and feelings of the child concerned (considered in the light of his age and understanding);"
    #[serde(default)]
    pub wishes_feelings: String,
    /// (b) "his physical, emotional and educational needs;"
    #[serde(default)]
    pub needs: String,
    /// (c) "the likely effect on him of any change in his circumstances;"
    #[serde(default)]
    pub effect_of_change: String,
    /// (d) "his age, sex, background and any characteristics of his which the court considers relevant;"
    #[serde(default)]
    pub characteristics: String,
    /// (e) "any harm which he has suffered or is at risk of suffering;"
    #[serde(default)]
    pub harm: String,
    /// (f) "how capable each of his parents, and any other person in relation to whom the court considers the question to be relevant, is of meeting his needs;"
    #[serde(default)]
    pub parenting_capacity: String,
    /// (g) "the range of powers available to the court under this Act in the proceedings in question."
    #[serde(default)]
    pub court_powers: String,
}

/// One item of the welfare checklist, in statutory order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WelfareItem {
    /// The machine key, as in the record.
    pub key: &'static str,
    /// The paragraph letter of s1(3).
    pub letter: char,
    /// A short label for headings.
    pub label: &'static str,
    /// The statutory wording of s1(3), exact.
    pub statute: &'static str,
}

impl Welfare {
    /// The seven items of s1(3), (a) to (g), with the statutory wording.
    pub const ITEMS: [WelfareItem; 7] = [
        WelfareItem {
            key: "wishes_feelings",
            letter: 'a',
            label: "Wishes and feelings",
            statute: "the ascertainable wishes and feelings of the child concerned (considered in the light of his age and understanding)",
        },
        WelfareItem {
            key: "needs",
            letter: 'b',
            label: "Physical, emotional and educational needs",
            statute: "his physical, emotional and educational needs",
        },
        WelfareItem {
            key: "effect_of_change",
            letter: 'c',
            label: "Likely effect of any change in circumstances",
            statute: "the likely effect on him of any change in his circumstances",
        },
        WelfareItem {
            key: "characteristics",
            letter: 'd',
            label: "Age, sex, background and relevant characteristics",
            statute: "his age, sex, background and any characteristics of his which the court considers relevant",
        },
        WelfareItem {
            key: "harm",
            letter: 'e',
            label: "Harm suffered or at risk of suffering",
            statute: "any harm which he has suffered or is at risk of suffering",
        },
        WelfareItem {
            key: "parenting_capacity",
            letter: 'f',
            label: "Capability of each parent and other relevant person",
            statute: "how capable each of his parents, and any other person in relation to whom the court considers the question to be relevant, is of meeting his needs",
        },
        WelfareItem {
            key: "court_powers",
            letter: 'g',
            label: "The range of powers available to the court",
            statute: "the range of powers available to the court under this Act in the proceedings in question",
        },
    ];

    /// The analysis for one item, by its key.
    pub fn get(&self, key: &str) -> Option<&str> {
        Some(match key {
            "wishes_feelings" => &self.wishes_feelings,
            "needs" => &self.needs,
            "effect_of_change" => &self.effect_of_change,
            "characteristics" => &self.characteristics,
            "harm" => &self.harm,
            "parenting_capacity" => &self.parenting_capacity,
            "court_powers" => &self.court_powers,
            _ => return None,
        })
    }
}

/// What kind of enquiry was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EnquiryKind {
    /// An interview with a child or an adult.
    Interview,
    /// An observation of a child (e.g. with a parent, or at play).
    Observation,
    /// A visit to a home.
    HomeVisit,
    /// A police check.
    PoliceCheck,
    /// A local authority (children's services) check.
    LocalAuthorityCheck,
    /// Information from a school or nursery.
    School,
    /// Information from a health professional (GP, health visitor, CAMHS).
    Health,
    /// Any other enquiry; say what in the summary.
    Other,
}

impl EnquiryKind {
    pub fn label(self) -> &'static str {
        match self {
            EnquiryKind::Interview => "Interview",
            EnquiryKind::Observation => "Observation",
            EnquiryKind::HomeVisit => "Home visit",
            EnquiryKind::PoliceCheck => "Police check",
            EnquiryKind::LocalAuthorityCheck => "Local authority check",
            EnquiryKind::School => "School",
            EnquiryKind::Health => "Health",
            EnquiryKind::Other => "Other",
        }
    }

    /// Whether this enquiry means the child was seen.
    pub fn sees_child(self) -> bool {
        matches!(
            self,
            EnquiryKind::Interview | EnquiryKind::Observation | EnquiryKind::HomeVisit
        )
    }
}

/// One enquiry: what was done, with whom, when.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Enquiry {
    /// interview | observation | home_visit | police_check | local_authority_check | school | health | other
    pub kind: EnquiryKind,
    /// Ids of the people involved (children and parties); other sources named in `summary`.
    #[serde(default)]
    pub with: Vec<String>,
    /// When the enquiry was made.
    pub date: Option<Date>,
    /// What was done and found (CommonMark).
    #[serde(default)]
    pub summary: String,
}

/// Where a risk was first raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RiskSource {
    /// The safeguarding letter before the first hearing (the start of the golden thread).
    SafeguardingLetter,
    /// The case plan for this report.
    CasePlan,
    /// Found during the enquiries for this report.
    Enquiries,
    /// Any other source; say which in the description.
    Other,
}

impl RiskSource {
    pub fn label(self) -> &'static str {
        match self {
            RiskSource::SafeguardingLetter => "Safeguarding letter",
            RiskSource::CasePlan => "Case plan",
            RiskSource::Enquiries => "Enquiries",
            RiskSource::Other => "Other",
        }
    }
}

/// A risk to a child that the report must account for.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// How analyses and recommendations refer to this risk, e.g. "r1".
    pub id: String,
    /// safeguarding_letter | case_plan | enquiries | other
    pub source: RiskSource,
    /// The risk, as raised, e.g. "Mother alleges controlling behaviour by father (2024)."
    pub description: String,
    /// Ids of the children this risk concerns (all children when empty).
    #[serde(default)]
    pub children: Vec<String>,
    /// A concern of significant harm (s31): a local authority referral or s37 must be considered.
    #[serde(default)]
    pub significant_harm: bool,
}

/// A risk assessment under s16A Children Act 1989 (PD12L).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskAssessment {
    /// Ids of the children assessed.
    #[serde(default)]
    pub children: Vec<String>,
    /// When the risk assessment was made.
    pub date: Option<Date>,
    /// The factor(s) that gave cause to suspect a risk of harm (PD12L).
    #[serde(default)]
    pub trigger: String,
    /// The outcome, provided to the court whatever it is, even "no risk".
    #[serde(default)]
    pub outcome: String,
}

/// An assessment tool or guide used.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// The tool's name, as it is named in the analysis, e.g. "Impact of parental conflict tool".
    pub name: String,
    /// What the tool showed.
    #[serde(default)]
    pub summary: String,
}

/// Whether a CIAF area applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AreaStatus {
    /// Considered, and not identified in this case.
    NotIdentified,
    /// Alleged by someone; not (yet) established.
    Alleged,
    /// Present on the evidence the adviser has.
    Present,
}

impl AreaStatus {
    /// Alleged or present: the area needs analysis.
    pub fn raised(self) -> bool {
        !matches!(self, AreaStatus::NotIdentified)
    }

    pub fn label(self) -> &'static str {
        match self {
            AreaStatus::NotIdentified => "Not identified",
            AreaStatus::Alleged => "Alleged",
            AreaStatus::Present => "Present",
        }
    }
}

/// The four areas of the Child Impact Assessment Framework. A missing area is a finding:
/// each must be addressed explicitly, never by omission.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ciaf {
    /// Domestic abuse: assessed first where it features (Cafcass CIAF, 2018).
    pub domestic_abuse: Option<DomesticAbuse>,
    /// Conflict between the adults that is harmful to the child (not domestic abuse).
    pub harmful_conflict: Option<HarmfulConflict>,
    /// A child's resistance or refusal to spend time with a parent.
    pub child_resistance: Option<ChildResistance>,
    /// Other forms of harmful parenting: substance misuse, mental health, neglect, abuse.
    pub harmful_parenting: Option<HarmfulParenting>,
}

/// An indicator of domestic abuse (alleged, present or suspected, now or in the past),
/// from the Cafcass guide on children's resistance or refusal; not an exhaustive list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DomesticAbuseIndicator {
    /// Information about the primary perpetrator.
    PrimaryPerpetratorInfo,
    /// Physical violence.
    PhysicalViolence,
    /// Sexual violence.
    SexualViolence,
    /// Coercive or controlling behaviour, towards the child or an adult.
    CoerciveControllingBehaviour,
    /// Stalking, jealousy or surveillance.
    StalkingJealousSurveillance,
    /// A power imbalance between the adults.
    PowerImbalance,
    /// Threats to kill: taken seriously until sufficiently assessed.
    ThreatsToKill,
    /// One or both parents report being, or present as, afraid.
    ParentAfraid,
    /// A previous abusive relationship.
    PreviousAbusiveRelationship,
    /// The child imitates violence.
    ChildImitatesViolence,
    /// Degrading or humiliating behaviour.
    DegradingHumiliatingBehaviour,
    /// Honour-based violence or forced marriage.
    HonourBasedViolenceForcedMarriage,
    /// Situational couple violence: say in the analysis how it was distinguished from coercive control.
    SituationalCoupleViolence,
}

impl DomesticAbuseIndicator {
    pub fn label(self) -> &'static str {
        use DomesticAbuseIndicator::*;
        match self {
            PrimaryPerpetratorInfo => "Information about the primary perpetrator",
            PhysicalViolence => "Physical violence",
            SexualViolence => "Sexual violence",
            CoerciveControllingBehaviour => "Coercive or controlling behaviour",
            StalkingJealousSurveillance => "Stalking, jealousy or surveillance",
            PowerImbalance => "Power imbalance",
            ThreatsToKill => "Threats to kill",
            ParentAfraid => "A parent afraid",
            PreviousAbusiveRelationship => "A previous abusive relationship",
            ChildImitatesViolence => "The child imitates violence",
            DegradingHumiliatingBehaviour => "Degrading or humiliating behaviour",
            HonourBasedViolenceForcedMarriage => "Honour-based violence or forced marriage",
            SituationalCoupleViolence => "Situational couple violence",
        }
    }
}

/// The position on a fact-finding hearing (PD12J).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FactFinding {
    /// A fact-finding hearing is recommended.
    Recommended,
    /// A fact-finding hearing is not recommended.
    NotRecommended,
    /// The facts have already been determined by the court.
    AlreadyDetermined,
}

impl FactFinding {
    pub fn label(self) -> &'static str {
        match self {
            FactFinding::Recommended => "A fact-finding hearing is recommended",
            FactFinding::NotRecommended => "A fact-finding hearing is not recommended",
            FactFinding::AlreadyDetermined => "The facts have already been determined",
        }
    }
}

/// The CIAF domestic abuse area.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DomesticAbuse {
    /// Whether domestic abuse is identified: stated explicitly, never left out.
    pub status: AreaStatus,
    /// Indicators from the CIAF domestic abuse guidance (alleged, present or suspected).
    #[serde(default)]
    pub indicators: Vec<DomesticAbuseIndicator>,
    /// The analysis of domestic abuse and its impact on the child (CommonMark).
    #[serde(default)]
    pub analysis: String,
    /// The PD12J position on a fact-finding hearing.
    pub fact_finding: Option<FactFinding>,
    /// Why a fact-finding hearing is or is not recommended.
    #[serde(default)]
    pub fact_finding_reasons: String,
}

/// An indicator of harmful conflict (Cafcass); some can also be domestic abuse: screen first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HarmfulConflictIndicator {
    /// High levels of mistrust.
    HighMistrust,
    /// Difficulty managing hurt and anger.
    DifficultyManagingHurtAnger,
    /// Threat of losing control.
    ThreatOfLosingControl,
    /// Difficulties communicating and co-operating.
    CommunicationCooperationDifficulties,
    /// Loss of focus on the child.
    LossOfFocusOnChild,
    /// Prolonged or repeated proceedings.
    ProlongedRepeatProceedings,
}

impl HarmfulConflictIndicator {
    pub fn label(self) -> &'static str {
        use HarmfulConflictIndicator::*;
        match self {
            HighMistrust => "High levels of mistrust",
            DifficultyManagingHurtAnger => "Difficulty managing hurt and anger",
            ThreatOfLosingControl => "Threat of losing control",
            CommunicationCooperationDifficulties => "Difficulties communicating and co-operating",
            LossOfFocusOnChild => "Loss of focus on the child",
            ProlongedRepeatProceedings => "Prolonged or repeated proceedings",
        }
    }
}

/// The CIAF harmful conflict area.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HarmfulConflict {
    /// Whether harmful conflict is identified: stated explicitly, never left out.
    pub status: AreaStatus,
    /// Indicators of harmful conflict seen or reported.
    #[serde(default)]
    pub indicators: Vec<HarmfulConflictIndicator>,
    /// Including, where present, why this is conflict and not domestic abuse.
    #[serde(default)]
    pub analysis: String,
}

/// The four reasons for a child's resistance or refusal (Fidler, Bala & Saini 2013).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResistanceReason {
    /// Justified rejection or realistic estrangement because of harmful parenting (abuse, neglect, domestic abuse, significant parenting limitations).
    AppropriateJustifiedRejection,
    /// Affinity (a preference for one parent) or alignment with one parent, without abuse or neglect.
    AffinityAlignment,
    /// Age- or gender-appropriate resistance for attachment reasons, including separation anxiety.
    Attachment,
    /// Resistance not justified, resulting from psychological manipulation by the other parent; considered only after the other three.
    Alienation,
}

impl ResistanceReason {
    pub fn label(self) -> &'static str {
        match self {
            ResistanceReason::AppropriateJustifiedRejection => "Appropriate justified rejection",
            ResistanceReason::AffinityAlignment => "Affinity or alignment",
            ResistanceReason::Attachment => "Attachment-related resistance",
            ResistanceReason::Alienation => "Alienating behaviour",
        }
    }
}

/// Where the alienating behaviour sits on the spectrum (adapted from Judge & Deutsch 2017).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BehaviourPattern {
    /// Intermittent words or actions undermining the relationship, from hurt, anger or emotional vulnerability.
    Intermittent,
    /// An active, persistent campaign to destroy the child's relationship with the other parent.
    Persistent,
}

/// The impact on the child, on a continuum; the guide defines no bands, so the adviser's
/// analysis must say why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Mild (the guide gives no definition: explain in the analysis).
    Mild,
    /// Moderate (the guide gives no definition: explain in the analysis).
    Moderate,
    /// Severe (the guide gives no definition: explain in the analysis).
    Severe,
}

/// The CIAF area of a child's resistance or refusal to spend time with a parent.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChildResistance {
    /// Whether a child's resistance or refusal is identified: stated explicitly, never left out.
    pub status: AreaStatus,
    /// Ids of the children resisting (all children when empty).
    #[serde(default)]
    pub children: Vec<String>,
    /// One of the four reasons, when the status is alleged or present.
    pub reason: Option<ResistanceReason>,
    /// The analysis, with the evidence for the reason (CommonMark).
    #[serde(default)]
    pub analysis: String,
    /// When the reason is alienation: intermittent or persistent.
    pub behaviour_pattern: Option<BehaviourPattern>,
    /// When the reason is alienation: mild, moderate or severe.
    pub impact: Option<Impact>,
}

/// An indicator of other harmful parenting (alleged, present or suspected, now or past).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HarmfulParentingIndicator {
    /// Alcohol misuse harmful to the child.
    AlcoholMisuse,
    /// Drug misuse harmful to the child.
    DrugMisuse,
    /// Parental mental health difficulties (including personality disorders) harmful to the child.
    MentalHealth,
    /// Neglect.
    Neglect,
    /// Physical abuse.
    PhysicalAbuse,
    /// Sexual abuse.
    SexualAbuse,
    /// Emotional or psychological abuse (including radicalisation).
    EmotionalPsychologicalAbuse,
}

impl HarmfulParentingIndicator {
    pub fn label(self) -> &'static str {
        use HarmfulParentingIndicator::*;
        match self {
            AlcoholMisuse => "Alcohol misuse harmful to the child",
            DrugMisuse => "Drug misuse harmful to the child",
            MentalHealth => "Parental mental health difficulties harmful to the child",
            Neglect => "Neglect",
            PhysicalAbuse => "Physical abuse",
            SexualAbuse => "Sexual abuse",
            EmotionalPsychologicalAbuse => "Emotional or psychological abuse",
        }
    }
}

/// The CIAF area of other forms of harmful parenting.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HarmfulParenting {
    /// Whether other harmful parenting is identified: stated explicitly, never left out.
    pub status: AreaStatus,
    /// Indicators of harmful parenting seen or reported.
    #[serde(default)]
    pub indicators: Vec<HarmfulParentingIndicator>,
    /// The analysis of the harm to the child and each parent's capacity to change (CommonMark).
    #[serde(default)]
    pub analysis: String,
}

/// The child impact analysis, the structured professional assessment and reflection.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Analysis {
    /// The impact of the issues on each child, with the evidence (CommonMark).
    #[serde(default)]
    pub child_impact: String,
    /// The structured professional assessment: the child's experiences and how their
    /// safety and well-being can best be promoted (CommonMark).
    #[serde(default)]
    pub assessment: String,
    /// Reflection on bias: gender, personal and cultural norms, influence of a party.
    #[serde(default)]
    pub bias_reflection: String,
    /// The "no order" principle, s1(5): why an order would be better for the child than none.
    #[serde(default)]
    pub no_order: String,
}

/// An order or step the adviser may recommend or reason out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    /// A child arrangements order (s8): with whom the child lives or spends time.
    ChildArrangements,
    /// An activity direction or a condition on a child arrangements order (s11A-11G).
    ActivityDirection,
    /// An enforcement order (s11J): unpaid work for breach of a child arrangements order.
    EnforcementOrder,
    /// A prohibited steps order (s8).
    ProhibitedSteps,
    /// A specific issue order (s8).
    SpecificIssue,
    /// A family assistance order (s16): name the adults, record their consent, at most 12 months.
    FamilyAssistance,
    /// A direction to the local authority to investigate under s37 (it reports within 8 weeks unless the court directs otherwise).
    S37Report,
    /// A fact-finding hearing (PD12J).
    FactFinding,
    /// A children's guardian appointed under r16.4 FPR 2010.
    ChildrensGuardian,
    /// An expert assessment.
    ExpertAssessment,
    /// A referral to the local authority (children's services).
    LocalAuthorityReferral,
    /// A parenting programme, e.g. Planning Together for Children (formerly the Separated Parents Information Programme, SPIP).
    ParentingProgramme,
    /// A Parenting Plan agreed between the parents.
    ParentingPlan,
    /// A safety plan.
    SafetyPlan,
    /// No order (s1(5)).
    NoOrder,
    /// Any other order or step; say which in the text.
    Other,
}

impl OrderKind {
    pub fn label(self) -> &'static str {
        use OrderKind::*;
        match self {
            ChildArrangements => "Child arrangements order",
            ActivityDirection => "Activity direction or condition (s11A-11G)",
            EnforcementOrder => "Enforcement order (s11J)",
            ProhibitedSteps => "Prohibited steps order",
            SpecificIssue => "Specific issue order",
            FamilyAssistance => "Family assistance order (s16)",
            S37Report => "Report under s37",
            FactFinding => "Fact-finding hearing",
            ChildrensGuardian => "Children's guardian (r16.4 FPR 2010)",
            ExpertAssessment => "Expert assessment",
            LocalAuthorityReferral => "Referral to the local authority",
            ParentingProgramme => {
                "Parenting programme (Planning Together for Children, formerly SPIP)"
            }
            ParentingPlan => "Parenting Plan",
            SafetyPlan => "Safety plan",
            NoOrder => "No order",
            Other => "Other",
        }
    }
}

/// One recommendation to the court.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// The recommendation, as it should read to the court (CommonMark).
    pub text: String,
    /// Ids of the children it concerns (all children when empty).
    #[serde(default)]
    pub children: Vec<String>,
    /// Ids of the risks it answers: the golden thread.
    #[serde(default)]
    pub addresses: Vec<String>,
    /// Which of `report.questions` it answers (1-based).
    #[serde(default)]
    pub answers: Vec<u32>,
    /// The order or step recommended, if any.
    pub order: Option<OrderKind>,
    /// Whether it differs from a child's wishes and feelings.
    #[serde(default)]
    pub differs_from_wishes: bool,
    /// Ids of the children whose wishes it differs from, when not all it concerns.
    #[serde(default)]
    pub differs_for: Vec<String>,
    /// How, and by whom, the child will be told (required when it differs from their wishes).
    #[serde(default)]
    pub telling_the_child: String,
    /// s16: the adults named in a family assistance order (ids).
    #[serde(default)]
    pub named_persons: Vec<String>,
    /// s16(3)(b): the named adults who have consented (ids).
    #[serde(default)]
    pub consents: Vec<String>,
    /// s16(5): the duration in months, at most 12.
    pub duration_months: Option<u32>,
    /// For a family assistance order: how each of the Cafcass FAO criteria is met.
    pub fao_criteria: Option<FaoCriteria>,
}

/// The criteria for a family assistance order (Cafcass guidance, as summarised by CLAS).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FaoCriteria {
    /// Would the child's welfare and safety improve with an order?
    #[serde(default)]
    pub welfare_improves: String,
    /// Can the disputed issues be identified with an achievable target?
    #[serde(default)]
    pub achievable_target: String,
    /// Are the parents willing and able to co-operate with the order and the officer?
    #[serde(default)]
    pub parents_cooperate: String,
    /// Can the parents separate their feelings from the children's needs?
    #[serde(default)]
    pub feelings_separated: String,
    /// Could the aim be met without Cafcass or local authority support?
    #[serde(default)]
    pub without_support: String,
    /// Has the child (age and understanding permitting) explained their wishes and feelings?
    #[serde(default)]
    pub child_wishes: String,
    /// Are there other resources (family, agencies) to help?
    #[serde(default)]
    pub other_resources: String,
    /// What report, if any, is needed during or at the end?
    #[serde(default)]
    pub reporting: String,
}

impl FaoCriteria {
    /// Each criterion's key, question and answer.
    pub fn items(&self) -> [(&'static str, &'static str, &str); 8] {
        [
            (
                "welfare_improves",
                "Would the child's welfare and safety improve with an order?",
                &self.welfare_improves,
            ),
            (
                "achievable_target",
                "Can the disputed issues be identified with an achievable target?",
                &self.achievable_target,
            ),
            (
                "parents_cooperate",
                "Are the parents willing and able to co-operate with the order and the officer?",
                &self.parents_cooperate,
            ),
            (
                "feelings_separated",
                "Can the parents separate their feelings from the children's needs?",
                &self.feelings_separated,
            ),
            (
                "without_support",
                "Could the aim be met without Cafcass or local authority support?",
                &self.without_support,
            ),
            (
                "child_wishes",
                "Has the child explained their wishes and feelings?",
                &self.child_wishes,
            ),
            (
                "other_resources",
                "Are there other resources to help?",
                &self.other_resources,
            ),
            (
                "reporting",
                "What report, if any, is needed during or at the end?",
                &self.reporting,
            ),
        ]
    }
}

/// An order or step considered and not recommended.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Considered {
    /// The order or step considered.
    pub order: OrderKind,
    /// Why it is not recommended (CommonMark).
    pub reason: String,
}
