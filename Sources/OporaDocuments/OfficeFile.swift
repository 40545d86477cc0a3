import Foundation
import OporaCore
import ZIPFoundation

/// What an uploaded file is, by its content rather than its name.
public enum OfficeFile {
    public enum Kind: Sendable, Equatable { case xlsx, docx, text }

    public static func kind(of data: Data) -> Kind {
        // Told by the parts the package lists, without inflating any of them.
        guard data.starts(with: [0x50, 0x4B]), let archive = try? Archive.reading(data) else { return .text }
        if archive["word/document.xml"] != nil { return .docx }
        if archive["xl/workbook.xml"] != nil { return .xlsx }
        return .text
    }

    /// A roadmap from any of the forms it lives in: pasted or saved text, XLSX, DOCX.
    public static func readRoadmap(_ data: Data, fileName: String) -> RoadmapDraft {
        do {
            switch kind(of: data) {
            case .docx:
                return RoadmapImporter.read(text: try DOCXReader.read(data).lines.joined(separator: "\n"), fileName: fileName)
            case .xlsx:
                return RoadmapImporter.read(rows: try XLSXReader.firstSheetRows(data), fileName: fileName)
            case .text:
                return RoadmapImporter.read(text: TextEncoding.decode(data).text, fileName: fileName)
            }
        } catch {
            var draft = RoadmapImporter.read(text: "", fileName: fileName)
            draft.problems = [ImportProblem(file: fileName, row: nil, column: nil, message: "\(error)")]
            return draft
        }
    }
}
