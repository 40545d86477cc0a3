import Foundation
import OporaCore
import OporaDocuments

/// The annual analytical report on the work with ШНОР in the shape of 004 (DOCX), the order that
/// approves it, and its tables as a workbook.
enum AnnualReportExport {
    typealias P = WordDocument.Paragraph
    typealias Cell = WordDocument.Cell

    static func title(_ year: Int) -> String { "Отчёт о работе со школами с низкими образовательными результатами в \(year)-\(year + 1) учебном году" }

    static func para(_ text: String) -> WordDocument.Block { .paragraph(P(text, alignment: .both, firstLineIndent: 1.25)) }
    static func heading(_ text: String) -> WordDocument.Block { .paragraph(P(text, bold: true, alignment: .left, spacingAfter: 6)) }

    static func table(_ headers: [String], _ widths: [Double], _ rows: [[String]]) -> WordDocument.Block {
        .table(WordDocument.Table(widths: widths, rows: [headers.map { Cell($0, bold: true, size: 11, shaded: true) }] + rows.map { $0.map { Cell($0, size: 11) } }))
    }

    static func docx(authority: Authority, report: AnnualReportService.Report, conclusions: String) throws -> Data {
        let f = report.facts
        var blocks: [WordDocument.Block] = [
            .paragraph(P(authority.name.uppercased(), bold: true, alignment: .center, spacingAfter: 12)),
            .paragraph(P(title(f.schoolYear).uppercased(), bold: true, alignment: .center, spacingAfter: 12)),
            heading("1. Школы с низкими образовательными результатами и основания включения в список"),
            para("В \(f.schoolYear)-\(f.schoolYear + 1) учебном году в список школ с низкими образовательными результатами включены \(RussianPlural.count(f.schools.count, "школа", "школы", "школ")) (\(authority.municipality))."),
        ]
        // A school listed on two bases counts under each, as 004 writes «№ 16, 39, 48 — …; № 5, …, 48 — …».
        var byBasis: [String: [AnnualFacts.ListedSchool]] = [:]
        for school in f.schools {
            for part in school.basis.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
                byBasis[part, default: []].append(school)
            }
        }
        for (basis, list) in byBasis.sorted(by: { ($1.value.count, $0.key) < ($0.value.count, $1.key) }) {
            let numbers = list.compactMap(\.number)
            blocks.append(para("\(basis): \(numbers.count == list.count ? AnnualFacts.numbers(numbers) : list.map(\.name).joined(separator: ", "))."))
        }
        blocks.append(table(["№", "Школа", "Основание включения", "Лет в списке"], [1.0, 6.0, 7.0, 2.5],
                            f.schools.enumerated().map { i, s in ["\(i + 1)", s.name, s.basis, "\(s.yearsInList)"] }))
        blocks.append(heading("2. Рисковые профили школ"))
        if f.riskStatements.isEmpty { blocks.append(para("Рисковые профили за этот учебный год не заполнены.")) }
        else {
            blocks.append(para("По результатам анализа рисковых профилей факторы риска средней и высокой значимости выявлены:"))
            for s in f.riskStatements { blocks.append(para("– " + s)) }
        }
        blocks.append(heading("3. Проведённая работа"))
        if let title = report.roadmapTitle { blocks.append(para("Работа велась по дорожной карте «\(title)»: выполнено \(f.measuresDone) из \(f.measuresTotal) мероприятий.")) }
        if !f.events.isEmpty { blocks.append(para("Проведены мероприятия: " + f.events.map { "\($0.kind.lowercased()) — \($0.count)" }.joined(separator: ", ") + ".")) }
        for p in f.projectStatements { blocks.append(para(p)) }
        if let v = f.visitsStatement { blocks.append(para(v)) }
        if f.consultations > 0 { blocks.append(para("Дано \(RussianPlural.count(f.consultations, "консультация", "консультации", "консультаций")) в тьюторском консультационном пункте и наставническом центре.")) }
        if f.agreements > 0 { blocks.append(para("Действуют \(RussianPlural.count(f.agreements, "соглашение", "соглашения", "соглашений")) со школами-наставниками.")) }
        if let t = f.trainingStatement { blocks.append(para(t)) }
        if !f.visits.isEmpty {
            blocks.append(table(["Дата", "Школа", "Посещено уроков", "Ниже ожидаемого уровня", "Выводы"], [2.2, 4.0, 2.0, 2.3, 6.0],
                                f.visits.map { [LocalDate(parsing: $0.date)?.russian ?? $0.date, $0.school, "\($0.lessons)", $0.belowExpected ? "да" : "нет", $0.findings] }))
        }
        if let s = report.snapshot, !s.measures.isEmpty {
            blocks.append(para("Отчёт о выполнении мероприятий дорожной карты:"))
            blocks.append(table(ExecutionReport.columns, [4.0, 2.8, 2.5, 2.7, 4.5], s.measures.map(ExecutionReport.cells)))
        }
        blocks.append(heading("4. Индикаторы: план и факт"))
        blocks.append(f.indicators.isEmpty ? para("Индикаторы не заданы.")
            : table(["Индикатор", "План", "Факт"], [10.0, 3.0, 3.5], f.indicators.map { [$0.name, $0.target, $0.fact] }))
        blocks.append(heading("5. Динамика результатов ШНОР"))
        if report.results.isEmpty { blocks.append(para("Результатов ВПР за эти годы в системе нет.")) }
        else {
            blocks.append(para("Доля отметок «2» по ВПР (все предметы и классы):"))
            blocks.append(table(["Школа"] + report.resultYears.map(String.init), [8.0] + report.resultYears.map { _ in 3.0 }, report.results.map { [$0.school] + $0.cells }))
        }
        blocks.append(heading("6. Школы, вышедшие из списка"))
        blocks.append(para(f.leftTheList.isEmpty ? "Школ, вышедших из списка, нет (или список следующего года ещё не утверждён)." : f.leftTheList.joined(separator: ", ") + "."))
        blocks.append(heading("7. Выводы и рекомендации"))
        for line in conclusions.split(whereSeparator: \.isNewline) { blocks.append(para(String(line))) }
        return try WordDocument(blocks: blocks).docx()
    }

    static func orderDOCX(authority: Authority, schoolYear: Int, number: String?, date: String?) throws -> Data {
        let dateText = date.flatMap(LocalDate.init(parsing:))?.russian ?? "«___» __________ 20__ г."
        // The position in full, as on the roadmap order: a cut one («Начальник управления по») is wrong.
        let position = authority.headPosition?.nilIfBlank ?? "Начальник"
        return try WordDocument(blocks: [
            .paragraph(P(authority.name.uppercased(), bold: true, alignment: .center, spacingAfter: 12)),
            .paragraph(P("ПРИКАЗ", bold: true, alignment: .center, spacingAfter: 12, size: 16)),
            .paragraph(P([.init("от \(dateText)\t№ \(number ?? "______")")], alignment: .left, spacingAfter: 12, rightTab: true)),
            .paragraph(P("Об утверждении отчёта о работе со школами с низкими образовательными результатами в \(schoolYear)-\(schoolYear + 1) учебном году", bold: true, alignment: .center, spacingAfter: 12)),
            para("В целях анализа эффективности адресной поддержки школ с низкими образовательными результатами (\(authority.municipality)) приказываю:"),
            para("1. Утвердить отчёт о работе со школами с низкими образовательными результатами в \(schoolYear)-\(schoolYear + 1) учебном году (приложение)."),
            para("2. Руководителям школ с низкими образовательными результатами учесть выводы и рекомендации отчёта при разработке программ развития на следующий учебный год."),
            para("3. Кураторам ШНОР обеспечить сопровождение школ с учётом выводов отчёта."),
            .paragraph(P("4. Контроль за исполнением настоящего приказа оставляю за собой.", alignment: .both, firstLineIndent: 1.25, spacingAfter: 36)),
            .paragraph(P([.init("\(position)\t\(authority.headName ?? "")")], alignment: .left, rightTab: true)),
        ]).docx()
    }

    static func xlsx(report: AnnualReportService.Report) throws -> Data {
        let f = report.facts
        var sheets: [Workbook.Sheet] = [
            .init(name: "Школы", rows: [["№", "Школа", "Основание включения", "Лет в списке"]] + f.schools.enumerated().map { i, s in
                [.number(Double(i + 1)), .text(s.name), .text(s.basis), .number(Double(s.yearsInList))] }, columnWidths: [5, 30, 50, 12]),
            .init(name: "Выезды", rows: [["Дата", "Школа", "Посещено уроков", "Ниже ожидаемого уровня", "Выводы"]] + f.visits.map { v in
                [.text(LocalDate(parsing: v.date)?.russian ?? v.date), .text(v.school), .number(Double(v.lessons)), .text(v.belowExpected ? "да" : "нет"), .text(v.findings)] },
                  columnWidths: [12, 30, 14, 14, 60]),
            .init(name: "Индикаторы", rows: [["Индикатор", "План", "Факт"]] + f.indicators.map { [.text($0.name), .text($0.target), .text($0.fact)] }, columnWidths: [70, 14, 18]),
        ]
        if !report.results.isEmpty {
            sheets.append(.init(name: "Результаты", rows: [["Школа"] + report.resultYears.map { .text(String($0)) }] + report.results.map { [.text($0.school)] + $0.cells.map { .text($0) } },
                                columnWidths: [30] + report.resultYears.map { _ in 12 }))
        }
        return try Workbook(sheets: sheets).xlsx()
    }
}
