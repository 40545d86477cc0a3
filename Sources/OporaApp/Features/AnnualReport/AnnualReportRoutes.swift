import Vapor

/// Routes of AnnualReport: the annual report, its order and tables, and the teachers' training list.
/// Registered from `routes.swift`; each names its `SiteRoute` case and its `Permission`.
enum AnnualReportRoutes {
    static func register(signedIn: any RoutesBuilder) {
        let annual = AnnualReportController()
        signedIn.get(.authority(.key, .annualReport), .read, use: annual.page)
        signedIn.post(.authority(.key, .annualReport), .manage, use: annual.save)
        signedIn.get(.authority(.key, .annualReportDOCX), .read, use: annual.docx)
        signedIn.get(.authority(.key, .annualReportOrderDOCX), .read, use: annual.orderDOCX)
        signedIn.get(.authority(.key, .annualReportXLSX), .read, use: annual.xlsx)
    }
}
