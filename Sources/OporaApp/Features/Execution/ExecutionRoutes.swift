import Vapor

/// Routes of Execution: measures' execution, evidence, the timeline and monitoring rounds.
/// Registered from `routes.swift`; each names its `SiteRoute` case and its `Permission`.
enum ExecutionRoutes {
    static func register(signedIn: any RoutesBuilder) {
        let execution = ExecutionController()
        let monitoring = MonitoringController()
        signedIn.get(.measure(.key, .card), .read, use: execution.page)
        signedIn.post(.measure(.key, .progress), .reportMeasure, use: execution.record)
        signedIn.upload(.measure(.key, .evidence), .reportMeasure, maxSize: "6mb", use: execution.addEvidence)
        signedIn.post(.measure(.key, .review), .reviewMeasure, use: execution.review)
        signedIn.post(.measure(.key, .schools), .manageRoadmap, use: execution.setSchools)
        signedIn.get(.evidence(.key, .file), .read, use: execution.evidenceFile)
        signedIn.get(.roadmap(.key, .timeline), .read, use: execution.timeline)
        signedIn.get(.roadmap(.key, .timelineSVG), .read, use: execution.timeline)
        signedIn.get(.roadmap(.key, .rounds), .read, use: monitoring.list)
        signedIn.post(.roadmap(.key, .rounds), .approveRoadmap, use: monitoring.create)
        signedIn.get(.round(.key, .card), .read, use: monitoring.show)
        signedIn.post(.round(.key, .facts), .approveRoadmap, use: monitoring.saveFact)
        signedIn.get(.round(.key, .reportXLSX), .read, use: monitoring.reportXLSX)
        signedIn.get(.round(.key, .reportDOCX), .read, use: monitoring.reportDOCX)
        signedIn.post(.indicator(.key, .source), .approveRoadmap, use: MonitoringController().bind)
    }
}
