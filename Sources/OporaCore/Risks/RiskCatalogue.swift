/// The ten risk factors of the federal «500+» programme with a default self-assessment
/// questionnaire written for Opora: statements describing the risk, answered on `AnswerScale`
/// by the respondents named. Regions may edit both; this is the starting point.
public enum RiskCatalogue {
    public struct Question: Sendable {
        public let text: String
        public let respondent: Respondent
        public let weight: Double
    }

    public struct Factor: Sendable {
        public let code: String
        public let title: String
        /// The factor as the report names it (004).
        public let reportPhrase: String
        /// Factors the report names together share a group.
        public let group: String?
        public let questions: [Question]
    }

    static func q(_ text: String, _ respondent: Respondent, _ weight: Double = 1) -> Question {
        Question(text: text, respondent: respondent, weight: weight)
    }

    public static let factors: [Factor] = [
        Factor(code: "equipment", title: "Низкий уровень оснащения школы", reportPhrase: "низкий уровень оснащения школы", group: "resources", questions: [
            q("Учебные кабинеты не обеспечены современным оборудованием для выполнения программ (лабораторное, цифровое)", .head, 2),
            q("В школе нет стабильного скоростного доступа к интернету в учебных кабинетах", .head),
            q("Учителям не хватает техники и материалов для проведения уроков так, как они запланированы", .teachers),
        ]),
        Factor(code: "staffShortage", title: "Дефицит педагогических кадров", reportPhrase: "дефицит педагогических работников", group: "resources", questions: [
            q("В школе есть вакансии учителей или предметы ведут учителя без профильной подготовки", .head, 2),
            q("Учебная нагрузка учителей превышает 1,5 ставки", .head),
            q("Уроки регулярно заменяются или отменяются из-за нехватки учителей", .students),
        ]),
        Factor(code: "teacherCompetence", title: "Недостаточная предметная и методическая компетентность педагогических работников", reportPhrase: "недостаточная предметная и методическая компетентность педагогических работников", group: nil, questions: [
            q("Результаты диагностики профессиональных дефицитов учителей ниже среднего по региону", .head, 2),
            q("Учителям трудно разрабатывать задания разного уровня и оценивать их по критериям ВПР и ГИА", .teachers),
            q("Учителя редко применяют формирующее оценивание и обратную связь на уроке", .head),
        ]),
        Factor(code: "adaptivity", title: "Риски низкой адаптивности учебного процесса", reportPhrase: "низкая адаптивность учебного процесса", group: nil, questions: [
            q("Учебный процесс не учитывает разный уровень подготовки обучающихся (нет индивидуальных маршрутов, групп поддержки)", .head),
            q("На уроках все обучающиеся выполняют одинаковые задания", .students),
            q("Учителя не корректируют планирование по результатам оценочных процедур", .teachers),
        ]),
        Factor(code: "professionalDevelopment", title: "Несформированность внутришкольной системы повышения квалификации", reportPhrase: "несформированность внутришкольной системы повышения квалификации", group: nil, questions: [
            q("В школе нет плана внутришкольного повышения квалификации по результатам диагностики дефицитов", .head, 2),
            q("Методические объединения не разбирают результаты ВПР и ГИА и открытые уроки коллег", .teachers),
            q("Учителя не проходили курсы повышения квалификации по своему предмету за последние три года", .teachers),
        ]),
        Factor(code: "languageBarriers", title: "Низкое качество преодоления языковых и культурных барьеров", reportPhrase: "низкое качество преодоления языковых и культурных барьеров", group: nil, questions: [
            q("В школе есть обучающиеся, для которых русский язык не родной, и для них нет дополнительных занятий", .head, 2),
            q("Обучающимся трудно понимать объяснения и тексты заданий из-за языка", .teachers),
            q("Родителям трудно общаться со школой из-за языкового барьера", .parents),
        ]),
        Factor(code: "environment", title: "Пониженный уровень качества школьной образовательной и воспитательной среды", reportPhrase: "пониженный уровень качества школьной образовательной и воспитательной среды", group: nil, questions: [
            q("В школе часто возникают конфликты между обучающимися", .students),
            q("Обучающиеся не чувствуют себя в школе в безопасности и комфорте", .students, 2),
            q("В школе мало внеурочных занятий, кружков и событий для обучающихся", .parents),
        ]),
        Factor(code: "failureRisk", title: "Высокая доля обучающихся с рисками учебной неуспешности", reportPhrase: "высокая доля обучающихся с рисками учебной неуспешности", group: nil, questions: [
            q("Доля обучающихся с отметкой «2» по ВПР по русскому языку или математике выше 20 %", .head, 2),
            q("Многие обучающиеся имеют академические задолженности или пропускают уроки без уважительной причины", .teachers),
            q("В школе высокая доля обучающихся с ОВЗ или из семей в трудной жизненной ситуации", .head),
        ]),
        Factor(code: "parentInvolvement", title: "Низкий уровень вовлечённости родителей", reportPhrase: "низкий уровень вовлечённости родителей", group: nil, questions: [
            q("На родительские собрания приходит меньше половины родителей", .teachers),
            q("Родители не знают, как учится их ребёнок и что ему нужно для успеха", .parents, 2),
            q("Родители не участвуют в школьных мероприятиях и управлении школой", .head),
        ]),
        Factor(code: "motivation", title: "Низкая учебная мотивация обучающихся", reportPhrase: "низкая учебная мотивация обучающихся", group: nil, questions: [
            q("Многие обучающиеся систематически не выполняют домашние задания", .teachers),
            q("Мне неинтересно на большинстве уроков", .students, 2),
            q("Обучающиеся не связывают учёбу со своими планами на будущее", .teachers),
        ]),
    ]
}
