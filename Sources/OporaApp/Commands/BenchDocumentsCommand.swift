import Foundation
import OporaCore
import Vapor

/// `opora bench-documents --measures 200 --runs 15`: renders the approval order (DOCX), the
/// roadmap table (XLSX) and the timeline page for a generated roadmap in memory, and prints the
/// median time of each. No database is touched: it measures our rendering alone.
struct BenchDocumentsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "measures") var measures: Int?
        @Option(name: "runs") var runs: Int?
    }
    var help: String { "Замер времени формирования приказа (DOCX), таблицы (XLSX) и временной шкалы" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let count = max(1, signature.measures ?? 200)
        let runs = max(3, signature.runs ?? 15)
        let tree = Self.generatedTree(measures: count)
        let rows = Self.occurrences(tree)
        let today = LocalDate(year: 2024, month: 6, day: 15)!
        func median(_ work: () throws -> Int) rethrows -> (ms: Double, bytes: Int) {
            var times: [Double] = []
            var bytes = 0
            for _ in 0..<runs {
                let start = ContinuousClock.now
                bytes = try work()
                let d = ContinuousClock.now - start
                times.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
            }
            return (times.sorted()[times.count / 2], bytes)
        }
        let docx = try median { try RoadmapExport.orderDOCX(tree).count }
        let xlsx = try median { try RoadmapExport.xlsx(tree).count }
        let timeline = median {
            let svg = TimelineSVG.render(tree, rows: rows, today: today)
            let page = TimelineView(model: TimelinePage(roadmapID: 1, title: tree.roadmap.title, svg: svg, counts: []),
                                    layout: Layout(title: "Временная шкала", user: nil, csrf: nil)).render()
            return page.utf8.count
        }
        print("documents measures=\(count) runs=\(runs)")
        print(String(format: "order.docx   median %.2f ms  (%d bytes)", docx.ms, docx.bytes))
        print(String(format: "roadmap.xlsx median %.2f ms  (%d bytes)", xlsx.ms, xlsx.bytes))
        print(String(format: "timeline     median %.2f ms  (%d bytes)", timeline.ms, timeline.bytes))
    }

    /// A roadmap of `measures` measures in two levels and four sections, with the seeds' kinds of deadline.
    static func generatedTree(measures: Int) -> RoadmapTree {
        let roadmap = Roadmap()
        roadmap.id = 1
        roadmap.$authority.id = 1
        roadmap.title = "Дорожная карта по работе со школами с низкими образовательными результатами на 2024 год"
        roadmap.periodStart = "2024-01-01"
        roadmap.periodEnd = "2024-12-31"
        roadmap.tasks = ["Адресная поддержка ШНОР", "Профилактика учебной неуспешности"]
        roadmap.status = .approved
        roadmap.reviewStage = .none
        roadmap.version = 1
        roadmap.orderNumber = "283"
        roadmap.orderDate = "2024-02-16"
        roadmap.orderSignatory = "О.Н. Медведева"
        let authority = Authority(code: "bench", regionID: 1, municipality: "город-курорт Сочи", name: "Управление по образованию и науке", shortName: "УОН")
        let phrases = ["до 20 февраля 2024 г.", "ежеквартально", "январь – апрель 2024 г.", "по отдельному графику", "не реже одного раза в два месяца",
                       "май 2024, август 2024, октябрь 2024, декабрь 2024", "в течение года", "по итогам четверти"]
        var levels: [RoadmapTree.Level] = []
        var n = 0
        for l in 0..<2 {
            let level = RoadmapLevel(roadmapID: 1, position: l, title: l == 0 ? "МУНИЦИПАЛЬНЫЙ УРОВЕНЬ" : "УРОВЕНЬ ОБЩЕОБРАЗОВАТЕЛЬНОЙ ОРГАНИЗАЦИИ")
            var sections: [RoadmapTree.Section] = []
            for s in 0..<2 {
                let section = RoadmapSection(roadmapID: 1, levelID: l, position: s, title: s == 0 ? "I. МЕРОПРИЯТИЯ ПО ОРГАНИЗАЦИИ РАБОТЫ" : "II. ПРОФИЛАКТИКА НЕУСПЕШНОСТИ")
                var list: [Measure] = []
                for _ in 0..<(measures / 4 + (l * 2 + s < measures % 4 ? 1 : 0)) {
                    n += 1
                    let m = Measure()
                    m.id = n
                    m.position = n
                    m.number = "\(n)."
                    m.name = "Мероприятие \(n): организация семинаров и стажировок для управленческих команд ШНОР по результатам ВПР и ГИА"
                    m.form = "приказ УОН"
                    m.setDeadline(Deadline(parsing: phrases[n % phrases.count]))
                    m.responsible = "Лукашова И.Б., Миронова Е.В., Церекидзе В.Г."
                    m.expectedResult = "аналитическая справка"
                    m.links = []
                    list.append(m)
                }
                sections.append(.init(model: section, measures: list))
            }
            levels.append(.init(model: level, sections: sections))
        }
        return RoadmapTree(roadmap: roadmap, authority: authority, school: nil, levels: levels, indicators: [], amendments: [])
    }

    static func occurrences(_ tree: RoadmapTree) -> [OccurrenceRow] {
        guard let period = tree.roadmap.period else { return [] }
        return tree.measures.flatMap { m in
            let dates = m.deadline.occurrences(in: period)
            return (dates.isEmpty ? [nil] : dates.map { Optional($0) }).map { OccurrenceRow(measure: m, due: $0, progress: nil) }
        }
    }
}
