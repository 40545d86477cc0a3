import Fluent
import OporaCore
import Vapor

/// What a route requires. Every route declares one when it is registered (`routes.swift`) and
/// `AccessPolicy` checks it before the handler runs, on the object the route's path names
/// (`:authorityID`, `:schoolID`, `:measureID` …) and the user's `Scope`. Objects outside the
/// user's reach answer 404 as if they did not exist; objects the user may read but not change
/// answer 403.
enum Permission: String, Sendable, CaseIterable {
    /// No sign-in: the health check, assets, login, public pages.
    case anyone
    /// Any signed-in user; the page shows only the user's own things.
    case signedIn
    /// The object is within the user's reading scope.
    case read
    /// The user manages the object's municipality (a coordinator or methodologist there).
    case manage
    /// The municipality's coordinators and methodologists, and curators of its schools, record
    /// support (events, agreements, consultations, projects, practices).
    case recordSupport
    /// Support recorded for schools named in the form: the municipality, or a curator with
    /// schools there (the form's schools are then checked to be the curator's).
    case recordSupportAtSchools
    /// Regional staff: the region's results and lists.
    case regional
    /// The region's administrator: registry, accounts, municipalities.
    case administerRegion
    /// The region's administrator and assessment operator: the region's results files.
    case keepRegionResults
    /// Whoever may edit the region's catalogue of risk factors.
    case editCatalogue
    /// The registry entry of a school: the region's administrator or the school's municipality.
    case editSchool
    /// The school's head and staff, or its municipality.
    case fillSelfAssessment
    /// The school's curator, or its municipality.
    case overrideRisks
    /// The school's head, or its municipality.
    case buildRoadmap
    /// The school's head and staff, its curator and its municipality (teachers, deficits, courses).
    case keepTeachers
    /// A roadmap the user manages: its municipality, or a school's head the school's own.
    case manageRoadmap
    /// A roadmap whose measures may change now (see `Request.mayEdit`).
    case editRoadmap
    /// The roadmap's municipality: approval, closing, monitoring rounds, indicator facts.
    case approveRoadmap
    /// A side of a school roadmap's review: the school, or its curator and municipality.
    case takePartInReview
    /// The school's head submits its roadmap for review.
    case submitForReview
    /// The reviewing side (curator, municipality) decides and records the interview.
    case decideOnReview
    /// The school's side reports the roadmap published on its site.
    case publishOnSite
    /// A measure's executors report progress and add evidence.
    case reportMeasure
    /// The municipality, or the curator of the roadmap's school, accepts or returns reports.
    case reviewMeasure
    /// A follow-up's school or whoever records support there.
    case reportFollowUp
    /// The municipality or curator decides on an event's schools (findings, recommendations).
    case recordEventSupport
    /// An account the user may manage (`AccountRules`).
    case manageAccount
    /// The user's own draft of an upload, while its target may still be changed by them.
    case ownDraft
    /// The user's own API token.
    case ownToken
    /// The change log: regional staff all of it, a coordinator its municipality's.
    case readAudit
}
