import Testing
@testable import OporaCore

/// The header recognition, matching and merge rules of the regional registry import.
@Suite struct RegistryImportTests {
    /// Two municipalities; Юрга has two schools, one with a login and an ИНН.
    let snapshot = RegistrySnapshot(
        municipalities: [
            .init(id: 1, code: "yurga", municipality: "г. Юрга", name: "Управление образования администрации Юргинского городского округа", shortName: "УО г. Юрги"),
            .init(id: 2, code: "puchezh", municipality: "Пучежский муниципальный район", name: "Отдел образования", shortName: "ОО Пучеж"),
        ],
        schools: [
            .init(id: 10, authorityID: 1, record: SchoolRecord(shortName: "МБОУ СОШ № 1", fullName: "МБОУ «Средняя общеобразовательная школа № 1»", kind: .sosh,
                                                              legalForm: "МБОУ", number: 1, fisLogin: "sch420001", inn: "4230001013")),
            .init(id: 11, authorityID: 1, record: SchoolRecord(shortName: "МБОУ ООШ № 3", fullName: "МБОУ ООШ № 3", kind: .oosh, legalForm: "МБОУ", number: 3)),
            .init(id: 20, authorityID: 2, record: SchoolRecord(shortName: "МОУ СШ № 1", fullName: "МОУ СШ № 1", kind: .sosh, legalForm: "МОУ", number: 1, fisLogin: "sch370001")),
        ])

    func plan(_ rows: [[String]], create: Bool = true) -> RegistryPlan {
        RegistryImporter.plan(ImportTable(fileName: "реестр.csv", rows: rows), snapshot: snapshot, options: .init(createMunicipalities: create))
    }

    // MARK: header recognition

    @Test func theFISOKOLoginListIsRecognisedUnderItsTitleRows() {
        let header = RegistryHeader.find(in: [
            ["Список логинов ОО в ФИС ОКО", "", ""],
            ["по состоянию на 01.09.2026", "", ""],
            ["логин", "имя (краткое наименование)", "регион/муниципалитет"],
        ])
        #expect(header?.row == 2)
        #expect(header?.index == [.login: 0, .shortName: 1, .municipality: 2])
        #expect(header?.title(.shortName) == "имя (краткое наименование)")
    }

    @Test func synonymsInAnyOrderAndSpecificBeforeGeneric() {
        let header = RegistryHeader(row: 0, cells: ["№ п/п", "Полное наименование ОО", "ИНН", "Муниципальное образование", "Наименование ОО",
                                                    "Код ОО (РЦОИ)", "Код муниципалитета", "Юридический адрес", "Городская/сельская", "Малокомплектная", "ФИО руководителя"])
        #expect(header.index[.fullName] == 1)
        #expect(header.index[.inn] == 2)
        #expect(header.index[.municipality] == 3)
        // A generic «Наименование» is the short name when the file has a full one.
        #expect(header.index[.shortName] == 4)
        #expect(header.index[.examCode] == 5)
        #expect(header.index[.municipalityCode] == 6)
        #expect(header.index[.address] == 7)
        #expect(header.index[.locality] == 8)
        #expect(header.index[.small] == 9)
        #expect(header.index[.headName] == 10)
        // «№ п/п» counts rows; it is not the school's number.
        #expect(header.index[.number] == nil)
        #expect(header.isUsable)
    }

    @Test func aGenericNameIsTheFullNameBesideAShortOne() {
        let header = RegistryHeader(row: 0, cells: ["Район", "Краткое наименование", "Наименование"])
        #expect(header.index == [.municipality: 0, .shortName: 1, .fullName: 2])
    }

    @Test func aFileWithoutTheNeededColumnsSaysWhatItNeeds() {
        let p = plan([["Школа", "Адрес"], ["МБОУ СОШ № 1", "ул. Ленина"]])
        #expect(p.problems.count == 1)
        #expect(p.problems[0].description.contains("Файл «реестр.csv», строка 1"))
        #expect(p.problems[0].message.contains("«Муниципалитет»"))
        #expect(!p.isValid)
    }

    // MARK: matching

    @Test func matchedByLoginThenINNThenName() {
        let p = plan([
            ["Логин", "ИНН", "Краткое наименование", "Муниципалитет"],
            ["SCH420001", "", "МБОУ СОШ № 1", "г. Юрга"],
            ["", "", "ООШ № 3", "Юрга"],
            ["sch370001", "", "МОУ СШ № 1", "Пучежский район"],
        ])
        #expect(p.problems.isEmpty)
        #expect(p.updates.isEmpty)
        #expect(p.newSchools.isEmpty)
        #expect(p.unchanged.map(\.schoolID) == [10, 11, 20])
    }

    @Test func innFindsASchoolWhoseLoginTheRegistryDoesNotKnow() {
        let p = plan([
            ["ИНН", "Логин", "Краткое наименование", "Муниципалитет"],
            ["4230001013", "", "МБОУ СОШ № 1 им. Героя", "г. Юрга"],
        ])
        #expect(p.problems.isEmpty)
        #expect(p.updates.count == 1)
        #expect(p.updates[0].matchedBy == .inn)
        #expect(p.updates[0].schoolID == 10)
    }

    @Test func newMunicipalitiesAndSchoolsAreGroupedWithCodes() {
        let p = plan([
            ["логин", "имя (краткое наименование)", "регион/муниципалитет"],
            ["sch420101", "МБОУ СОШ № 2", "Беловский муниципальный округ"],
            ["sch420102", "МБОУ ООШ № 7", "Беловский муниципальный округ"],
            ["sch420103", "МБОУ НОШ № 4", "г. Юрга"],
        ])
        #expect(p.problems.isEmpty)
        #expect(p.newMunicipalities.map(\.name) == ["Беловский муниципальный округ"])
        #expect(p.newMunicipalities.map(\.code) == ["belovskiy-munitsipalnyy-okrug"])
        #expect(p.newMunicipalities[0].lines == [2, 3])
        #expect(p.newSchools.map(\.record.shortName) == ["МБОУ СОШ № 2", "МБОУ ООШ № 7", "МБОУ НОШ № 4"])
        #expect(p.newSchools[2].place == .existing(1))
        #expect(p.newSchools[1].record.kind == .oosh)
        #expect(p.newSchools[2].record.kind == .primary)
        #expect(p.newSchools[0].record.number == 2)
        #expect(p.newSchools[0].record.legalForm == "МБОУ")
    }

    @Test func aShortNameIsMadeFromTheFullNameWhenTheFileHasNone() {
        let p = plan([
            ["Муниципалитет", "Полное наименование"],
            ["г. Юрга", "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 15»"],
        ])
        #expect(p.problems.isEmpty)
        #expect(p.newSchools.first?.record.shortName == "МБОУ СОШ № 15")
        #expect(p.newSchools.first?.record.kind == .sosh)
    }

    @Test func anUnknownMunicipalityIsAnErrorWhenCreatingIsNotAllowed() {
        let p = plan([["Муниципалитет", "Краткое наименование"], ["Новый район", "МБОУ СОШ № 1"]], create: false)
        #expect(p.problems.map(\.description) == ["Файл «реестр.csv», строка 2, столбец «Муниципалитет»: муниципалитет «Новый район» не найден в реестре, а создание новых муниципалитетов выключено."])
    }

    // MARK: bad input

    @Test func duplicatesWithinTheFileNameTheEarlierRow() {
        let p = plan([
            ["Логин", "ИНН", "Краткое наименование", "Муниципалитет"],
            ["sch1", "7707083893", "МБОУ СОШ № 20", "г. Юрга"],
            ["sch1", "", "МБОУ СОШ № 21", "г. Юрга"],
            ["sch2", "7707083893", "МБОУ СОШ № 22", "г. Юрга"],
        ])
        #expect(p.problems.map(\.description) == [
            "Файл «реестр.csv», строка 3, столбец «Логин»: логин «sch1» уже указан в строке 2.",
            "Файл «реестр.csv», строка 4, столбец «ИНН»: ИНН «7707083893» уже указан в строке 2.",
        ])
    }

    @Test func aLoginOfAnotherMunicipalityIsAnError() {
        let p = plan([["Логин", "Краткое наименование", "Муниципалитет"], ["sch370001", "МОУ СШ № 1", "г. Юрга"]])
        #expect(p.problems.count == 1)
        #expect(p.problems[0].column == "Логин")
        #expect(p.problems[0].message.contains("уже принадлежит школе «МОУ СШ № 1» (Пучежский муниципальный район)"))
    }

    @Test func aNameThatFitsSeveralSchoolsIsAnError() {
        let s = RegistrySnapshot(municipalities: snapshot.municipalities, schools: [
            .init(id: 1, authorityID: 1, record: SchoolRecord(shortName: "МБОУ СОШ № 5 с. Ивановка", fullName: "x", kind: .sosh, legalForm: "МБОУ", number: 5)),
            .init(id: 2, authorityID: 1, record: SchoolRecord(shortName: "МБОУ СОШ № 5 с. Петровка", fullName: "y", kind: .sosh, legalForm: "МБОУ", number: 5)),
        ])
        let p = RegistryImporter.plan(ImportTable(fileName: "r.csv", rows: [["Муниципалитет", "Школа"], ["Юрга", "СОШ № 5"]]), snapshot: s)
        #expect(p.problems.count == 1)
        #expect(p.problems[0].row == 2)
        #expect(p.problems[0].column == "Школа")
        #expect(p.problems[0].message.contains("подходит к нескольким школам"))
    }

    @Test func aNameWhoseSchoolHasAnotherLoginIsAnError() {
        let p = plan([["Логин", "Краткое наименование", "Муниципалитет"], ["sch429999", "МБОУ СОШ № 1", "г. Юрга"]])
        #expect(p.problems.count == 1)
        #expect(p.problems[0].message.contains("у которой логин «sch420001», а в файле «sch429999»"))
    }

    @Test func emptyRequiredCellsAndBadValuesNameRowAndColumn() {
        let p = plan([
            ["Муниципалитет", "Краткое наименование", "ИНН", "Логин", "Малокомплектная", "Городская/сельская"],
            ["", "МБОУ СОШ № 30", "", "", "", ""],
            ["г. Юрга", "", "", "", "", ""],
            ["г. Юрга", "МБОУ СОШ № 31", "4230001018", "", "", ""],
            ["г. Юрга", "МБОУ СОШ № 32", "", "сош 32", "", ""],
            ["г. Юрга", "МБОУ СОШ № 33", "", "", "может быть", ""],
            ["г. Юрга", "МБОУ СОШ № 34", "", "", "", "хутор"],
            ["", "", "", "", "", ""],
            ["Итого", "", "", "", "", ""],
        ])
        #expect(p.problems.map { "\($0.row ?? 0) \($0.column ?? "")" } == ["2 Муниципалитет", "3 Краткое наименование", "4 ИНН", "5 Логин", "6 Малокомплектная", "7 Городская/сельская"])
        #expect(p.problems[2].message.contains("контрольная цифра"))
        #expect(!p.isValid)
    }

    @Test func twoSchoolsOfOneMunicipalityMayNotShareAShortName() {
        let p = plan([["Муниципалитет", "Краткое наименование", "Полное наименование"],
                      ["г. Юрга", "МБОУ СОШ № 40", "школа сорок"], ["г. Юрга", "МБОУ СОШ № 40", "другая школа сорок"]])
        #expect(p.problems.count == 1)
        #expect(p.problems[0].row == 3)
    }

    // MARK: merge

    @Test func mergeKeepsWhatTheFileLeavesEmptyAndTheOldNameAsASpelling() {
        let old = snapshot.schools[0].record
        var row = RegistryRow(line: 2, municipality: "г. Юрга")
        row.shortName = "МБОУ СОШ № 1 им. А. С. Пушкина"
        row.address = "652050, г. Юрга, ул. Ленина, 1"
        row.small = true
        let (merged, changes) = RegistryImporter.merge(old, with: row)
        #expect(merged.shortName == "МБОУ СОШ № 1 им. А. С. Пушкина")
        #expect(merged.fullName == old.fullName)
        #expect(merged.fisLogin == "sch420001")
        #expect(merged.inn == "4230001013")
        #expect(merged.aliases == ["МБОУ СОШ № 1"])
        #expect(merged.small)
        #expect(changes.map(\.field) == ["Краткое наименование", "Адрес", "Малокомплектная"])
        #expect(changes[0].before == "МБОУ СОШ № 1")
        // Read again: nothing more changes.
        #expect(RegistryImporter.merge(merged, with: row).changes.isEmpty)
    }

    @Test func kindAndNumberReadFromANameAreNotForcedOnAnExistingSchool() {
        let p = plan([["Муниципалитет", "Краткое наименование"], ["г. Юрга", "МБОУ ООШ № 3"]])
        #expect(p.unchanged.map(\.schoolID) == [11])
        var row = RegistryRow(line: 2, municipality: "г. Юрга")
        row.shortName = "Гимназия № 3"
        let merged = RegistryImporter.merge(snapshot.schools[1].record, with: row).record
        #expect(merged.kind == .oosh)
        #expect(merged.number == 3)
    }

    @Test func theSameFileTwiceChangesNothing() {
        let rows = [
            ["логин", "имя (краткое наименование)", "регион/муниципалитет", "ИНН"],
            ["sch420001", "МБОУ СОШ № 1 им. Героя", "г. Юрга", "4230001013"],
            ["sch420050", "МБОУ СОШ № 50", "г. Юрга", ""],
        ]
        let first = plan(rows)
        #expect(first.problems.isEmpty)
        #expect(first.updates.count == 1 && first.newSchools.count == 1)
        // The registry after applying the first plan.
        var schools = snapshot.schools.filter { $0.id != 10 }
        schools.append(.init(id: 10, authorityID: 1, record: first.updates[0].record))
        schools.append(.init(id: 99, authorityID: 1, record: first.newSchools[0].record))
        let second = RegistryImporter.plan(ImportTable(fileName: "реестр.csv", rows: rows), snapshot: RegistrySnapshot(municipalities: snapshot.municipalities, schools: schools))
        #expect(second.problems.isEmpty)
        #expect(!second.changesAnything)
        #expect(second.unchanged.map(\.schoolID) == [10, 99])
    }
}

@Suite struct RegistryValueTests {
    @Test func innChecksum() {
        #expect(INN.validate("7707083893") == .success("7707083893"))
        #expect(INN.validate("7707 083 893") == .success("7707083893"))
        #expect(INN.validate("7707083894") == .failure(.checksum))
        #expect(INN.validate("77070838") == .failure(.wrongLength(8)))
        #expect(INN.validate("77070838x3") == .failure(.notDigits))
    }

    @Test func transliteratedCodes() {
        #expect(Transliteration.slug("Юргинский городской округ") == "yurginskiy-gorodskoy-okrug")
        #expect(Transliteration.slug("г. Щёкино") == "g-shchekino")
        #expect(Transliteration.unique("yurga", taken: ["yurga", "yurga-2"]) == "yurga-3")
    }

    @Test func kindsLocalitiesAndYesNo() {
        #expect(SchoolKind(russian: "СОШ") == .sosh)
        #expect(SchoolKind(russian: "Средняя общеобразовательная школа") == .sosh)
        #expect(SchoolKind(russian: "школа-интернат") == .boarding)
        #expect(SchoolKind(russian: "начальная школа") == .primary)
        #expect(SchoolKind(russian: "зоопарк") == nil)
        #expect(Locality(russian: "Село") == .rural)
        #expect(Locality(russian: "г.") == .urban)
        #expect(RussianYesNo.parse("Да") == true)
        #expect(RussianYesNo.parse("нет") == false)
        #expect(RussianYesNo.parse("возможно") == nil)
    }

    @Test func abbreviatedNames() {
        #expect(SchoolName.abbreviated("Муниципальное автономное общеобразовательное учреждение «Основная общеобразовательная школа №7 с. Ивановка»") == "МАОУ ООШ № 7 с. Ивановка")
        #expect(SchoolName.legalForm(of: "муниципальное казённое общеобразовательное учреждение") == "МКОУ")
        #expect(SchoolName("МБОУ НОШ № 4").kind == .primary)
    }
}

@Suite struct AccountRuleTests {
    @Test func passwordRule() {
        #expect(PasswordPolicy.problems("Kedr-Sosna-2026", login: "ivanova").isEmpty)
        #expect(PasswordPolicy.problems("short", login: "x").contains { $0.contains("не короче 10") })
        #expect(PasswordPolicy.problems("aaaaaaaaaaaa", login: "x").contains { $0.contains("одного повторённого") })
        #expect(PasswordPolicy.problems("1234567890", login: "x").contains { $0.contains("последовательностью") })
        #expect(PasswordPolicy.problems("0987654321", login: "x").contains { $0.contains("последовательностью") })
        #expect(PasswordPolicy.problems("qwertyuiop", login: "x").contains { $0.contains("последовательностью") })
        #expect(PasswordPolicy.problems("ivanova.school", login: "ivanova.school").contains { $0.contains("с логином") })
        #expect(PasswordPolicy.problems("Ivanova.School2026", login: "ivanova.school").contains { $0.contains("с логином") })
        #expect(PasswordPolicy.problems(String(repeating: "ж", count: 40), login: "x").contains { $0.contains("слишком длинный") })
    }

    @Test func oneTimePasswordsFollowTheRule() {
        for _ in 0..<50 {
            let p = OneTimePassword.generate()
            #expect(p.count == 14)
            #expect(PasswordPolicy.problems(p, login: "x").isEmpty)
            #expect(!p.contains("0") && !p.contains("1") && !p.contains("l") && !p.contains("o"))
        }
    }

    @Test func aCoordinatorNeverGrantsAboveItsOwnRole() {
        let coordinator = AccountRules.Actor(role: .coordinator, authorityID: 7)
        #expect(AccountRules.canCreate(role: .schoolHead, authorityID: 7, by: coordinator))
        #expect(AccountRules.canCreate(role: .curator, authorityID: 7, by: coordinator))
        #expect(!AccountRules.canCreate(role: .schoolHead, authorityID: 8, by: coordinator))
        #expect(!AccountRules.canCreate(role: .coordinator, authorityID: 7, by: coordinator))
        #expect(!AccountRules.canCreate(role: .regionalAdmin, authorityID: nil, by: coordinator))
        #expect(!AccountRules.canManage(target: .coordinator, authorityID: 7, by: coordinator))
        #expect(AccountRules.canManage(target: .schoolStaff, authorityID: 7, by: coordinator))
        let admin = AccountRules.Actor(role: .regionalAdmin, authorityID: nil)
        #expect(AccountRules.canCreate(role: .coordinator, authorityID: 7, by: admin))
        #expect(AccountRules.canCreate(role: .regionalObserver, authorityID: nil, by: admin))
        #expect(!AccountRules.canCreate(role: .regionalObserver, authorityID: 7, by: admin))
        let head = AccountRules.Actor(role: .schoolHead, authorityID: 7)
        #expect(AccountRules.grantableRoles(by: head).isEmpty)
        #expect(AccountRules.isValidLogin("sch420001"))
        #expect(!AccountRules.isValidLogin("Иванов"))
        #expect(!AccountRules.isValidLogin("ab"))
    }
}
