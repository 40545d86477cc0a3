import Vapor

/// Routes of Results: results: files, drafts and mappings, region results, a school's results and diagnostic card, scales, students at risk and task skills.
/// Registered from `routes.swift`; each names its `SiteRoute` case and its `Permission`.
enum ResultsRoutes {
    static func register(signedIn: any RoutesBuilder) {
        let atRisk = StudentsAtRiskController()
        let card = DiagnosticCardController()
        let drafts = ResultDraftsController()
        let regionResults = RegionResultsController()
        let results = ResultsController()
        let scales = ScalesController()
        let skills = TaskSkillsController()
        signedIn.get(.authority(.key, .results), .read, use: results.show)
        signedIn.upload(.authority(.key, .results), .manage, maxSize: "200mb", use: results.upload)
        signedIn.get(.resultDraft(.key, .card), .ownDraft, use: drafts.show)
        signedIn.post(.resultDraft(.key, .mapping), .ownDraft, use: drafts.map)
        signedIn.post(.resultDraft(.key, .schools), .ownDraft, use: drafts.decide)
        signedIn.post(.resultDraft(.key, .apply), .ownDraft, use: drafts.apply)
        signedIn.get(.page(.regionResults), .regional, use: regionResults.show)
        signedIn.upload(.page(.regionResults), .keepRegionResults, maxSize: "200mb", use: regionResults.upload)
        signedIn.get(.page(.resultMappings), .signedIn, use: regionResults.mappings)
        signedIn.post(.page(.resultMappings), .keepRegionResults, use: regionResults.saveMapping)
        signedIn.post(.resultMapping(.key, .forget), .keepRegionResults, use: regionResults.forgetMapping)
        signedIn.get(.school(.key, .diagnosticCard), .read, use: card.page)
        signedIn.get(.school(.key, .results), .read, use: SchoolResultsController().page)
        signedIn.get(.school(.key, .studentsAtRisk), .read, use: atRisk.page)
        signedIn.get(.school(.key, .studentsAtRiskXLSX), .read, use: atRisk.xlsx)
        signedIn.get(.authority(.key, .taskSkills), .read, use: skills.page)
        signedIn.post(.authority(.key, .taskSkills), .manage, use: skills.save)
        signedIn.get(.page(.conversionScales), .signedIn, use: scales.page)
        signedIn.post(.page(.conversionScales), .keepRegionResults, use: scales.save)
        signedIn.upload(.page(.conversionScalesImport), .keepRegionResults, maxSize: "5mb", use: scales.importFile)
    }
}
