import Fluent
import OporaCore
import Vapor

/// Where the season's steps stand (`Season`) for a municipality or for some of its schools:
/// a handful of counting reads, the same for 5 schools or 500.
struct SeasonQueries {
    let db: any Database
    let today: LocalDate

    /// A step with the page where it is done.
    struct Step {
        let step: SeasonStep
        let url: String
        let action: String
    }

    /// The schools on the approved ШНОР list of a year, or nil when that list is not approved.
    func listed(authorityID: Int, year: Int) async throws -> Set<Int>? {
        guard let list = try await SchoolList.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$year == year)
            .filter(\.$status == .lowResults).filter(\.$draft == false).first(), let id = list.id else { return nil }
        return Set(try await ListEntry.query(on: db).filter(\.$list.$id == id).all().map { $0.$school.id })
    }

    /// Schools with a saved self-assessment of a year, among `schools`.
    func assessed(_ schools: Set<Int>, year: Int) async throws -> Set<Int> {
        guard !schools.isEmpty else { return [] }
        return Set(try await SelfAssessment.query(on: db).filter(\.$school.$id ~~ Array(schools)).filter(\.$year == year).all().map { $0.$school.id })
    }

    /// The school roadmaps of `schools` whose period covers the year, newest first per school.
    func schoolRoadmaps(_ schools: Set<Int>, year: Int) async throws -> [Int: Roadmap] {
        guard !schools.isEmpty else { return [:] }
        var latest: [Int: Roadmap] = [:]
        for r in try await Roadmap.query(on: db).filter(\.$school.$id ~~ Array(schools)).filter(\.$status != .closed).sort(\.$id).all() {
            guard let sid = r.$school.id, let p = r.period, p.start.year <= year, year <= p.end.year else { continue }
            latest[sid] = r
        }
        return latest
    }

    /// A school roadmap handed in: waiting for agreement, agreed or approved. One returned for
    /// revision is the school's work again, like a report returned (`ProgressStatus.counted`).
    static func isSent(_ r: Roadmap) -> Bool {
        r.status != .draft || r.reviewStage == .submitted || r.reviewStage == .agreed
    }

    /// The municipality's steps: list, self-assessment, school roadmaps, their review, the
    /// quarter's monitoring and the annual report.
    func municipal(authority: Authority, canChange: Bool) async throws -> [Step] {
        let aid = try authority.requireID()
        let year = Season.listYear(on: today)
        let listed = try await listed(authorityID: aid, year: year)
        var steps = [listStep(authorityID: aid, year: year, listed: listed)]
        steps += try await schoolSteps(authorityID: aid, year: year, schools: listed, reviewer: canChange, municipalPages: true)
        steps.append(try await monitoringStep(authorityID: aid))
        steps.append(try await reportStep(authorityID: aid))
        return steps
    }

    /// A curator's steps: their schools' self-assessment and roadmaps to agree.
    func curator(authorityID: Int, schools: Set<Int>) async throws -> [Step] {
        let year = Season.listYear(on: today)
        let listed = try await listed(authorityID: authorityID, year: year)
        return try await schoolSteps(authorityID: authorityID, year: year, schools: listed.map { $0.intersection(schools) }, reviewer: true,
                                     municipalPages: false, own: schools)
    }

    /// A school's own steps: its self-assessment and its roadmap, when it is on the year's list
    /// (or the list is not approved yet — then they are ahead).
    /// `canBuild`: the reader may open the constructor (the head, not the staff).
    func school(_ school: School, canBuild: Bool) async throws -> [Step] {
        let sid = try school.requireID()
        let year = Season.listYear(on: today)
        let listed = try await listed(authorityID: school.$authority.id, year: year)
        if let listed, !listed.contains(sid) { return [] }
        // The self-assessment comes before the roadmap: both by the municipality's date if set.
        let due = try await deadlines(authorityID: school.$authority.id, year: year).developBy
        guard listed != nil else {
            let note = "после утверждения списка ШНОР \(year) года"
            return [
                Step(step: .init(kind: .selfAssessment, title: "Самодиагностика факторов риска \(year) года", due: due, state: .ahead, progress: note),
                     url: SiteRoute.school(sid, .risks).path, action: "Рисковый профиль"),
            ]
        }
        let filled = try await assessed([sid], year: year).contains(sid)
        var steps = [Step(step: .init(kind: .selfAssessment, title: "Самодиагностика факторов риска \(year) года", due: due,
                                      state: SeasonStep.state(done: filled ? 1 : 0, of: 1, due: due, today: today),
                                      progress: filled ? "анкета заполнена" : "анкета не заполнена"),
                          url: SiteRoute.school(sid, .selfAssessment).path(year: year), action: filled ? "Проверить ответы" : "Заполнить анкету")]
        let developBy = try await deadlines(authorityID: school.$authority.id, year: year).developBy
        let roadmap = try await schoolRoadmaps([sid], year: year)[sid]
        let sent = roadmap.map(Self.isSent) ?? false
        let progress: String
        let url: String
        let action: String
        switch roadmap {
        case nil:
            (progress, url, action) = canBuild ? ("дорожная карта не начата", SiteRoute.school(sid, .constructor).path, "Открыть конструктор")
                                               : ("дорожная карта не начата", SiteRoute.school(sid).path, "Карточка школы")
        case let r?:
            let rid = r.id ?? 0
            switch (r.status, r.reviewStage) {
            // Only the head hands in and revises; the staff open the roadmap to read it.
            case (.draft, .none): (progress, action) = ("проект не подан на согласование", canBuild ? "Подать на согласование" : "Открыть")
            case (.draft, .changesRequested): (progress, action) = ("куратор вернул на доработку", canBuild ? "Доработать" : "Открыть")
            case (.draft, .submitted): (progress, action) = ("на согласовании у куратора", "Открыть")
            case (.draft, .agreed): (progress, action) = ("согласована, ждёт утверждения приказом", "Открыть")
            default: (progress, action) = ("утверждена" + (r.orderText.map { ", \($0)" } ?? ""), "Открыть")
            }
            url = SiteRoute.roadmap(rid).path + (r.status == .draft ? "#review" : "")
        }
        steps.append(Step(step: .init(kind: .schoolRoadmaps, title: "Дорожная карта школы на \(year) год", due: developBy,
                                      state: SeasonStep.state(done: sent ? 1 : 0, of: 1, due: developBy, today: today), progress: progress),
                          url: url, action: action))
        return steps
    }

    /// The region's steps: lists approved and annual reports done across municipalities.
    func region(authorities: [Authority]) async throws -> [Step] {
        let open = authorities.filter { $0.closedOn == nil }
        let ids = open.compactMap(\.id)
        let year = Season.listYear(on: today)
        let reportYear = Season.reportSchoolYear(on: today)
        let approved = ids.isEmpty ? 0 : Set(try await SchoolList.query(on: db).filter(\.$authority.$id ~~ ids).filter(\.$year == year)
            .filter(\.$status == .lowResults).filter(\.$draft == false).all().map { $0.$authority.id }).count
        let reported = ids.isEmpty ? 0 : try await AnnualReportRecord.query(on: db).filter(\.$authority.$id ~~ ids).filter(\.$schoolYear == reportYear)
            .filter(\.$orderNumber != nil).count()
        let of = RussianPlural.count(ids.count, "муниципалитета", "муниципалитетов", "муниципалитетов")
        return [
            Step(step: .init(kind: .list, title: "Списки ШНОР на \(year) год", due: nil,
                             state: SeasonStep.state(done: approved, of: ids.count, due: nil, today: today),
                             progress: "утверждены в \(approved) из \(of)"),
                 url: SiteRoute.regionLists.path(year: year), action: "ШНОР региона"),
            Step(step: .init(kind: .annualReport, title: "Годовые отчёты за \(reportYear)/\(reportYear + 1) учебный год", due: nil,
                             state: SeasonStep.state(done: reported, of: ids.count, due: nil, today: today),
                             progress: "утверждены приказом в \(reported) из \(of)"),
                 url: SiteRoute.authorities.path, action: "Муниципалитеты"),
        ]
    }

    private func listStep(authorityID aid: Int, year: Int, listed: Set<Int>?) -> Step {
        let progress = listed.map { "утверждён: " + RussianPlural.count($0.count, "школа", "школы", "школ") }
            ?? "не утверждён; основа — результаты ВПР \(year - 1) года"
        return Step(step: .init(kind: .list, title: "Список ШНОР на \(year) год", due: nil, state: listed == nil ? .open : .done, progress: progress),
                    url: listed == nil ? SiteRoute.authority(aid, .listProposal).path(year: year) : SiteRoute.authority(aid, .lists).path(year: year),
                    action: listed == nil ? "Предложение списка" : "Список")
    }

    private func deadlines(authorityID: Int, year: Int) async throws -> (developBy: LocalDate, publishBy: LocalDate?) {
        let set = try await SchoolRoadmapDeadline.query(on: db).filter(\.$authority.$id == authorityID).filter(\.$year == year).first()
        return (set.flatMap { LocalDate(parsing: $0.developBy) } ?? Season.selfAssessmentDue(listYear: year), set.flatMap { LocalDate(parsing: $0.publishBy) })
    }

    /// Self-assessment, school roadmaps sent, and roadmaps waiting for the reviewer.
    /// `municipalPages`: the reader opens the municipality's summaries (a coordinator); a curator
    /// opens the pages of `own` schools instead, the first that needs them.
    private func schoolSteps(authorityID aid: Int, year: Int, schools: Set<Int>?, reviewer: Bool, municipalPages: Bool, own: Set<Int> = []) async throws -> [Step] {
        let firstOwn = own.min()
        func summary(_ page: SiteRoute.AuthorityResource, _ school: Int?, _ resource: SiteRoute.SchoolResource) -> String {
            if municipalPages { return SiteRoute.authority(aid, page).path(year: year) }
            return (school ?? firstOwn).map { SiteRoute.school($0, resource).path } ?? SiteRoute.page(.home).path
        }
        let developBy = try await deadlines(authorityID: aid, year: year).developBy
        let due = developBy
        guard let schools else {
            let note = "после утверждения списка ШНОР \(year) года"
            return [
                Step(step: .init(kind: .selfAssessment, title: "Самодиагностика школ", due: due, state: .ahead, progress: note),
                     url: summary(.riskSummary, nil, .risks), action: municipalPages ? "Сводка рисков" : "Рисковый профиль"),
                Step(step: .init(kind: .schoolRoadmaps, title: "Школьные дорожные карты", due: developBy, state: .ahead, progress: note),
                     url: summary(.schoolRoadmaps, nil, .card), action: municipalPages ? "Школьные карты" : "Карточка школы"),
            ]
        }
        // None of the reader's schools is on the year's list: nothing is expected of them.
        guard !schools.isEmpty else { return [] }
        let of = RussianPlural.count(schools.count, "школы", "школ", "школ")
        let assessedSchools = try await assessed(schools, year: year)
        let assessed = assessedSchools.count
        let roadmaps = try await schoolRoadmaps(schools, year: year)
        let sent = roadmaps.values.filter(Self.isSent).count
        let waiting = roadmaps.values.filter { $0.reviewStage == .submitted }.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        var steps = [
            Step(step: .init(kind: .selfAssessment, title: "Самодиагностика школ", due: due,
                             state: SeasonStep.state(done: assessed, of: schools.count, due: due, today: today),
                             progress: "заполнили \(assessed) из \(of)"),
                 url: summary(.riskSummary, schools.subtracting(assessedSchools).min(), .risks), action: municipalPages ? "Сводка рисков" : "Рисковый профиль"),
            Step(step: .init(kind: .schoolRoadmaps, title: "Школьные дорожные карты", due: developBy,
                             state: SeasonStep.state(done: sent, of: schools.count, due: developBy, today: today),
                             progress: "подали \(sent) из \(of)"),
                 url: summary(.schoolRoadmaps, schools.subtracting(roadmaps.filter { Self.isSent($0.value) }.map(\.key)).min(), .card),
                 action: municipalPages ? "Школьные карты" : "Карточка школы"),
        ]
        if reviewer {
            let agreed = roadmaps.values.filter { $0.reviewStage == .agreed || $0.status != .draft }.count
            steps.append(Step(step: .init(kind: .review, title: "Согласование школьных карт", due: nil,
                                          // Done when every school's roadmap is in and none waits; before that nothing to answer yet.
                                          state: !waiting.isEmpty ? .open : (sent == schools.count ? .done : .ahead),
                                          progress: waiting.isEmpty ? "согласовано \(agreed), ждущих ответа нет"
                                              : "ждут ответа: \(waiting.count), согласовано \(agreed)"),
                              url: waiting.first.flatMap { $0.id }.map { SiteRoute.roadmap($0).path + "#review" } ?? summary(.schoolRoadmaps, nil, .card),
                              action: waiting.isEmpty ? (municipalPages ? "Школьные карты" : "Карточка школы") : "Открыть первую"))
        }
        return steps
    }

    /// This quarter's monitoring round of each active municipal roadmap.
    private func monitoringStep(authorityID aid: Int) async throws -> Step {
        let active = try await Roadmap.query(on: db).filter(\.$authority.$id == aid).filter(\.$school.$id == nil)
            .filter(\.$status ~~ [.approved, .inProgress]).sort(\.$id).all()
        let ids = active.compactMap(\.id)
        let from = Season.quarterStart(of: today), to = Season.quarterEnd(of: today)
        let taken = ids.isEmpty ? [] : Set(try await MonitoringRound.query(on: db).filter(\.$roadmap.$id ~~ ids)
            .filter(\.$asOf >= from.iso).filter(\.$asOf <= to.iso).all().map { $0.$roadmap.id })
        let missing = active.first { $0.id.map { !taken.contains($0) } ?? false }
        let of = RussianPlural.count(ids.count, "действующей карты", "действующих карт", "действующих карт")
        return Step(step: .init(kind: .monitoring, title: "Мониторинг за квартал (срез исполнения)", due: to,
                                state: ids.isEmpty ? .ahead : SeasonStep.state(done: taken.count, of: ids.count, due: to, today: today),
                                progress: ids.isEmpty ? "нет утверждённых муниципальных карт" : "срез снят по \(taken.count) из \(of)"),
                    url: missing?.id.map { SiteRoute.roadmap($0, .rounds).path } ?? SiteRoute.authority(aid, .roadmaps).path,
                    action: missing == nil ? "Дорожные карты" : "Снять срез")
    }

    private func reportStep(authorityID aid: Int) async throws -> Step {
        let year = Season.reportSchoolYear(on: today)
        let record = try await AnnualReportRecord.query(on: db).filter(\.$authority.$id == aid).filter(\.$schoolYear == year).first()
        let progress: String
        switch record {
        case nil: progress = "выводы не записаны"
        case let r? where r.orderNumber == nil: progress = "выводы записаны, приказ не указан"
        case let r?: progress = "утверждён приказом № \(r.orderNumber ?? "")" + (r.orderDate.flatMap(LocalDate.init(parsing:)).map { " от \($0.russian)" } ?? "")
        }
        return Step(step: .init(kind: .annualReport, title: "Годовой отчёт за \(year)/\(year + 1) учебный год", due: nil,
                                state: record?.orderNumber != nil ? .done : .open, progress: progress),
                    url: SiteRoute.authority(aid, .annualReport).path(year: year), action: "Годовой отчёт")
    }
}
