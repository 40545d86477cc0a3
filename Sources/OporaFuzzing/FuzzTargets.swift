import Foundation
import OporaCore
import OporaDocuments

/// One parser under fuzzing: real-looking seeds and how one input is fed to it. A target
/// passes when no input crashes the process (a trap ends the run) or takes longer than a second.
public struct FuzzTarget: Sendable {
    public let name: String
    public let seeds: [[UInt8]]
    public let run: @Sendable ([UInt8]) -> Void
}

public enum FuzzTargets {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    static let csvSeeds = [
        "Школа;Основание\r\nМБОУ СОШ № 5;\"ВПР; ЕГЭ\"\r\nшкола 14;ВПР\r\n",
        "Логин ОО;Регион/муниципалитет;Наименование ОО;Код участника;Класс;Вариант;балл за 1;балл за 2;Первичный балл;Отметка;Отметка по журналу\n"
            + "edu100001;Юрга;МБОУ СОШ № 1;10001;5А;1;1;2;3;3;4\nedu100001;Юрга;МБОУ СОШ № 1;10002;5А;0;не пройд.;;;;\n",
        "ВПР 2024 Математика 5 класс\n;;;;;;Б;Б;П;;;\nОО;Муниципалитет;Название ОО;Код участника;Класс;Вариант;1 (1б);2 (2б);3 (2б);Первичный балл;Отметка;Отметка по журналу\n"
            + "edu230005;Славянский район;МБОУ СОШ № 5;10001;5А;1;1;2;0;3;3;4\n",
        "ОГЭ 2025 Математика\nКод ОО;Фамилия;Код участника;Ответы части 1;Ответы части 2;Первичный балл;Отметка\n230005;Иванов;p1;++-X;1(2)0(1);3;3\n",
        "логин;имя (краткое наименование);регион/муниципалитет;ИНН\nedu100001;МБОУ СОШ № 1;Юргинский городской округ;4230012345\n",
        "ФИО;Должность;Предмет;Дефицит;Описание;Нуждается в курсах по предмету\nИванова И.И.;учитель;математика;предметный;;да\n",
        "Предмет;Класс;Год;Шкала\nМатематика;5;2025;0-5:2;6-9:3;10-13:4;14-20:5\n",
    ].map(bytes)

    static let deadlineSeeds = [
        "ежемесячно до 25 числа", "ежеквартально", "январь 2025 г.", "в течение года", "до 01.09.2025", "II квартал 2024 г.",
        "в течение I полугодия", "не реже одного раза в два месяца", "август, декабрь", "сентябрь – май", "по мере необходимости",
    ].map(bytes)

    static let roadmapSeeds = [
        "№\tМероприятие\tСроки\tОтветственные\n1.\tСовещание с руководителями ШНОР\tянварь 2026 г.\tУО\n2.\tСеминары\tежеквартально\tИМЦ\n",
        "МУНИЦИПАЛЬНЫЙ УРОВЕНЬ\nI. Организационные мероприятия\n№ п/п\tНаименование\tСрок\tОтветственный\tРезультат\n1.1\tАнализ\tдо 01.10.2025\tКоординатор\tСправка\n",
        "Цель: повышение качества образования\nЗадачи:\n1. Снизить долю «2»\nПоказатели: доля обучающихся, получивших «2» — 10 %\n",
    ].map(bytes)

    static let sheetSeed = #"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Основание</t></is></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>3.5</v></c></row></sheetData></worksheet>"#
    static let sharedSeed = #"<sst><si><t>Школа</t></si><si><r><t>МБОУ СОШ </t></r><r><t>№ 5</t></r><rPh><t>x</t></rPh></si></sst>"#
    static let documentSeed = #"<w:document><w:body><w:p><w:r><w:t>Дорожная карта</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>№</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Мероприятие</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1.</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Совещание</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>январь 2026</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#

    static func workbook(sheet: [UInt8], shared: [UInt8]) -> Data {
        (try? Zip.build(parts: [
            ("xl/workbook.xml", Data(#"<workbook xmlns:r="r"><sheets><sheet name="Лист1" r:id="rId1"/></sheets></workbook>"#.utf8)),
            ("xl/_rels/workbook.xml.rels", Data(#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8)),
            ("xl/worksheets/sheet1.xml", Data(sheet)), ("xl/sharedStrings.xml", Data(shared)),
        ])) ?? Data()
    }

    static let matcher = SchoolNameMatcher(candidates: [
        .init(id: 1, name: "МБОУ «СОШ № 1»"), .init(id: 14, name: "МБОУ СОШ № 14", aliases: ["школа 14"]), .init(id: 5, name: "МБОУ СОШ № 5"),
    ])

    /// Every parser that reads what users upload or type.
    public static let all: [FuzzTarget] = [
        FuzzTarget(name: "csv", seeds: csvSeeds) { input in
            let parsed = CSV.read(Data(input))
            _ = ListImporter.prepare(ImportTable(fileName: "f.csv", rows: parsed.rows), matcher: matcher, defaultStatus: .lowResults, year: 2025)
        },
        FuzzTarget(name: "results", seeds: csvSeeds) { input in
            _ = ResultsStream.read(Data(input), fileName: "vpr.csv")
            _ = ResultsStream.head(Data(input))
        },
        FuzzTarget(name: "imports", seeds: csvSeeds) { input in
            let table = ImportTable(fileName: "f.csv", rows: CSV.read(Data(input)).rows)
            _ = RegistryImporter.rows(table)
            _ = DeficitImport.read(table)
            _ = ConversionScaleImporter.read(table)
            _ = ResultsReader.read(table)
        },
        FuzzTarget(name: "xlsx", seeds: [bytes(sheetSeed), bytes(sharedSeed)]) { input in
            // Half the inputs mutate the sheet, half the shared strings; the package is rebuilt so
            // the reader gets past the ZIP to the XML.
            let sheetFirst = input.first.map { $0 & 1 == 0 } ?? true
            let data = workbook(sheet: sheetFirst ? input : bytes(sheetSeed), shared: sheetFirst ? bytes(sharedSeed) : input)
            _ = try? XLSXReader.firstSheetRows(data)
            _ = OfficeFile.readRoadmap(data, fileName: "f.xlsx")
            _ = ResultsStream.read(data, fileName: "f.xlsx")
        },
        FuzzTarget(name: "zip", seeds: [Array(workbook(sheet: bytes(sheetSeed), shared: bytes(sharedSeed)))]) { input in
            // Raw bytes of a package: headers, sizes and offsets broken in every way.
            _ = try? XLSXReader.firstSheetRows(Data(input))
            _ = try? DOCXReader.read(Data(input))
            _ = OfficeFile.kind(of: Data(input))
        },
        FuzzTarget(name: "docx", seeds: [bytes(documentSeed)]) { input in
            let data = (try? Zip.build(parts: [("word/document.xml", Data(input))])) ?? Data()
            _ = try? DOCXReader.read(data)
            _ = OfficeFile.readRoadmap(data, fileName: "f.docx")
        },
        FuzzTarget(name: "roadmap-text", seeds: roadmapSeeds) { input in
            let text = String(decoding: input, as: UTF8.self)
            _ = RoadmapImporter.read(text: text, fileName: "f.txt")
            _ = RoadmapPreamble.parse(text)
        },
        FuzzTarget(name: "deadlines", seeds: deadlineSeeds) { input in
            let text = String(decoding: input.prefix(2_000), as: UTF8.self)
            let deadline = Deadline(parsing: text)
            for period in [RoadmapPeriod.calendarYear(2025), RoadmapPeriod.schoolYear(starting: 2024)] { _ = deadline.occurrences(in: period) }
        },
        FuzzTarget(name: "values", seeds: (deadlineSeeds + [bytes("13.05.2024"), bytes("2024-05-13"), bytes("2024-2025"), bytes("3,5"), bytes("0-5:2;6-9:3")])) { input in
            let text = String(decoding: input.prefix(2_000), as: UTF8.self)
            _ = LocalDate(parsing: text)
            _ = RoadmapPeriod(parsing: text)
            _ = CSVNumber.parse(text)
            _ = ConversionScale(parsing: text)
            _ = INN.validate(text)
            _ = WebLink.accepts(text)
            _ = SchoolName(text)
        },
    ]
}
