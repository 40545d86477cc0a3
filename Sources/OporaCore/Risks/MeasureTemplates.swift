/// A measure of the constructor's library: what to do, in which form, by when (a typical
/// deadline phrase without a year — the constructor places it in the roadmap's period), what
/// it yields, at which level, and which risk factors it addresses (none: for every school).
public struct MeasureTemplate: Sendable, Equatable {
    public enum Level: String, Sendable, Codable, CaseIterable {
        case municipal, school
        public var title: String { self == .municipal ? "муниципальный" : "школьный" }
    }

    public let code: String
    public let text: String
    public let form: String
    public let deadline: String
    public let result: String
    public let level: Level
    public let factors: [String]

    public init(code: String, text: String, form: String, deadline: String, result: String, level: Level, factors: [String]) {
        self.code = code
        self.text = text
        self.form = form
        self.deadline = deadline
        self.result = result
        self.level = level
        self.factors = factors
    }
}

/// The default library, drawn from the measures of the seed roadmaps (000–003) and the
/// anti-risk practice they describe.
public enum MeasureLibrary {
    static func t(_ code: String, _ text: String, _ form: String, _ deadline: String, _ result: String, _ level: MeasureTemplate.Level = .school, _ factors: [String] = []) -> MeasureTemplate {
        MeasureTemplate(code: code, text: text, form: form, deadline: deadline, result: result, level: level, factors: factors)
    }

    public static let templates: [MeasureTemplate] = [
        // For every school: the organisation of the work (000, level of the school).
        t("school-roadmap", "Разработка и утверждение дорожной карты школы по работе с низкими образовательными результатами", "приказ ОО", "до 1 марта", "дорожная карта ОО"),
        t("publish-roadmap", "Размещение утверждённой дорожной карты на сайте школы в разделе об оценке качества образования", "публикация на сайте", "до 4 марта", "ссылка на страницу сайта"),
        t("analysis-vpr", "Анализ результатов ВПР для каждого обучающегося, класса, параллели и ОО; выявление дефицитов", "аналитическая справка", "после проведения оценочной процедуры", "аналитическая справка"),
        t("objectivity", "Сопоставление результатов ВПР с текущими и четвертными отметками (объективность оценивания)", "аналитическая справка", "по итогам четверти", "справка о соответствии отметок"),
        t("monitoring", "Мониторинг реализации дорожной карты школы", "мониторинг", "ежеквартально", "отчёт о выполнении мероприятий"),
        // Low learning motivation.
        t("motivation-extracurricular", "Организация внеурочной деятельности и проектной работы с учётом интересов обучающихся", "программа внеурочной деятельности", "сентябрь", "расписание и программы кружков", .school, ["motivation"]),
        t("motivation-career", "Профориентационные мероприятия, связывающие учёбу с планами обучающихся на будущее", "классные часы, экскурсии", "в течение учебного года", "план профориентационной работы", .school, ["motivation"]),
        t("motivation-feedback", "Формирующее оценивание и регулярная обратная связь обучающимся о продвижении", "методический семинар для учителей", "октябрь", "протокол семинара", .school, ["motivation", "teacherCompetence"]),
        // Teachers' subject and methodological competence.
        t("competence-diagnostics", "Диагностика профессиональных дефицитов учителей русского языка и математики", "диагностика", "январь – февраль", "список учителей с дефицитами", .school, ["teacherCompetence"]),
        t("competence-iom", "Разработка индивидуальных образовательных маршрутов учителей по результатам диагностики", "ИОМ", "март", "ИОМ педагогов", .school, ["teacherCompetence", "professionalDevelopment"]),
        t("competence-mentoring", "Закрепление наставников за учителями, показывающими низкие результаты обучающихся", "приказ ОО", "сентябрь", "приказ о наставничестве", .school, ["teacherCompetence"]),
        t("competence-courses", "Направление учителей на курсы повышения квалификации по предмету (ИРО, ЦНППМ)", "КПК", "по графику", "удостоверения о КПК", .school, ["teacherCompetence", "professionalDevelopment"]),
        // Professional development inside the school.
        t("pd-plan", "План внутришкольного повышения квалификации: открытые уроки, взаимопосещения, разбор результатов ВПР на методических объединениях", "план работы МО", "сентябрь", "план и протоколы МО", .school, ["professionalDevelopment"]),
        // Students at risk of failure.
        t("failure-routes", "Индивидуальные образовательные маршруты для обучающихся с рисками учебной неуспешности", "ИОМ обучающихся", "октябрь", "ИОМ обучающихся", .school, ["failureRisk"]),
        t("failure-groups", "Группы поддержки по русскому языку и математике для обучающихся, не освоивших базовый уровень", "дополнительные занятия", "по итогам четверти", "журнал занятий, результаты контрольных работ", .school, ["failureRisk", "adaptivity"]),
        t("failure-council", "Малые педсоветы по обучающимся с академическими задолженностями", "педсовет", "по итогам четверти", "протокол педсовета", .school, ["failureRisk"]),
        // Adaptivity of teaching.
        t("adaptivity-differentiation", "Дифференцированные задания разного уровня на уроках; корректировка рабочих программ по результатам ВПР", "рабочие программы", "октябрь", "скорректированные рабочие программы", .school, ["adaptivity"]),
        // Equipment and staff.
        t("equipment-audit", "Аудит оснащения кабинетов и план его пополнения (в том числе через «Точку роста»)", "аудит", "февраль", "план оснащения", .school, ["equipment"]),
        t("equipment-network", "Сетевое взаимодействие с опорной школой для использования её оборудования", "договор о сетевой форме", "сентябрь", "договор, расписание занятий", .school, ["equipment"]),
        t("staff-plan", "Кадровый план: закрытие вакансий, привлечение молодых специалистов и целевиков, распределение нагрузки", "кадровый план", "май", "кадровый план", .school, ["staffShortage"]),
        t("staff-tutors", "Организация работы учителей-тьюторов и совместителей по дефицитным предметам", "приказ ОО", "сентябрь", "приказ, расписание", .school, ["staffShortage"]),
        // Language and cultural barriers.
        t("language-russian", "Дополнительные занятия по русскому языку для обучающихся, для которых он не родной", "дополнительные занятия", "в течение учебного года", "программа занятий, результаты диагностики", .school, ["languageBarriers"]),
        // Educational environment.
        t("environment-climate", "Мониторинг школьного климата (анкетирование обучающихся) и план мер по его улучшению", "анкетирование", "ноябрь", "аналитическая справка, план мер", .school, ["environment"]),
        t("environment-mediation", "Служба школьной медиации и профилактика конфликтов", "положение о службе", "октябрь", "положение, журнал случаев", .school, ["environment"]),
        // Parents.
        t("parents-school", "Родительский всеобуч: как помочь ребёнку учиться; консультации по результатам ВПР", "родительские собрания", "по итогам четверти", "протоколы собраний", .school, ["parentInvolvement"]),
        t("parents-council", "Вовлечение родителей в управляющий совет и школьные события", "управляющий совет", "в течение учебного года", "протоколы заседаний", .school, ["parentInvolvement"]),
        // Municipal level (000, 003).
        t("mun-seminars", "Организация семинаров и вебинаров для ШНОР", "приказ УО", "ежеквартально", "материалы семинаров", .municipal),
        t("mun-interviews", "Собеседование с руководителями ШНОР по согласованию дорожных карт", "приказ УО, протокол", "январь – апрель", "протокол собеседования", .municipal),
        t("mun-visits", "Методические выезды в ШНОР с целью аудита документации и оказания методической помощи", "приказ УО", "по отдельному графику", "справка по итогам выезда", .municipal),
        t("mun-mentor-schools", "Закрепление опорных школ (школ-наставников) за ШНОР и заключение соглашений", "соглашение", "февраль", "соглашения о сотрудничестве", .municipal, ["equipment", "professionalDevelopment"]),
    ]
}

/// Places a template's deadline in a period: a month named without a year gets the year in
/// which that month falls in the period («до 1 марта» → «до 1 марта 2025 г.»).
public enum DeadlinePlacement {
    public static func place(_ phrase: String, in period: RoadmapPeriod) -> String {
        let lower = phrase.lowercased()
        guard DeadlineParser.matches(#"\b(19|20)\d{2}\b"#, in: lower).isEmpty else { return phrase }
        let words = DeadlineParser.matches(#"([а-я]+)"#, in: lower).map { $0[1] }
        guard let last = words.compactMap(Months.number).last, let year = period.year(of: last) else { return phrase }
        return "\(phrase) \(year) г."
    }
}

/// The constructor: a draft school roadmap (ШДК) from the templates that match a school's
/// profile. Common measures first; then, for each chosen factor (at most three, each of medium
/// or high significance), an anti-risk programme as a section of its own.
public enum RoadmapBuilder {
    public struct Choice: Sendable {
        public let code: String
        public let title: String
        public let significance: Significance
        public init(code: String, title: String, significance: Significance) {
            self.code = code
            self.title = title
            self.significance = significance
        }
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case tooMany, notSignificant(String), none
        public var description: String {
            switch self {
            case .tooMany: "Выберите не более трёх факторов риска."
            case .notSignificant(let t): "Фактор «\(t)» имеет низкую значимость: антирисковая программа строится для факторов средней или высокой значимости."
            case .none: "Выберите хотя бы один фактор риска средней или высокой значимости."
            }
        }
    }

    public static func build(choices: [Choice], templates: [MeasureTemplate], period: RoadmapPeriod) throws -> RoadmapDraft {
        guard !choices.isEmpty else { throw Problem.none }
        guard choices.count <= 3 else { throw Problem.tooMany }
        if let weak = choices.first(where: { $0.significance < .medium }) { throw Problem.notSignificant(weak.title) }
        let school = templates.filter { $0.level == .school }
        func measures(_ list: [MeasureTemplate], numbering prefix: String) -> [RoadmapDraft.Measure] {
            list.enumerated().map { i, t in
                RoadmapDraft.Measure(line: i + 1, number: "\(prefix)\(i + 1).", name: t.text, form: t.form,
                                     deadline: Deadline(parsing: DeadlinePlacement.place(t.deadline, in: period)),
                                     responsible: "Администрация ОО", result: t.result, links: [])
            }
        }
        var sections: [RoadmapDraft.Section] = [
            .init(title: "I. Организация работы и мониторинг", measures: measures(school.filter { $0.factors.isEmpty }, numbering: "1.")),
        ]
        let roman = ["II", "III", "IV"]
        for (i, choice) in choices.enumerated() {
            let list = school.filter { $0.factors.contains(choice.code) }
            sections.append(.init(title: "\(roman[i]). Антирисковая программа: \(choice.title.lowercasedFirstLetter) (значимость \(choice.significance.title))",
                                  measures: measures(list, numbering: "\(i + 2).")))
        }
        return RoadmapDraft(columns: [], levels: [.init(title: "УРОВЕНЬ ОБЩЕОБРАЗОВАТЕЛЬНОЙ ОРГАНИЗАЦИИ", sections: sections)],
                            goal: "Переход школы в эффективный режим работы: снижение значимости факторов риска " + choices.map { "«\($0.title.lowercasedFirstLetter)»" }.joined(separator: ", "),
                            tasks: choices.map { "Реализовать антирисковую программу по фактору «\($0.title.lowercasedFirstLetter)»" },
                            indicators: [], problems: [], warnings: [])
    }
}

extension String {
    var lowercasedFirstLetter: String { prefix(1).lowercased() + dropFirst() }
}
