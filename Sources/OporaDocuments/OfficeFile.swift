import Foundation
import OporaCore
import ZIPFoundation

/// What an uploaded file is, by its content rather than its name.
public enum OfficeFile {
    public enum Kind: Sendable, Equatable { case xlsx, docx, text }

    public static func kind(of data: Data) -> Kind {
        kind(of: package(data))
    }

    /// Told by the parts the package lists, without inflating any of them.
    static func kind(of archive: Archive?) -> Kind {
        guard let archive else { return .text }
        if archive["word/document.xml"] != nil { return .docx }
        if archive["xl/workbook.xml"] != nil { return .xlsx }
        return .text
    }

    /// The ZIP package the bytes are, or nil for text.
    static func package(_ data: Data) -> Archive? {
        data.starts(with: [0x50, 0x4B]) ? try? Archive.reading(data) : nil
    }

    /// A roadmap from any of the forms it lives in: pasted or saved text, XLSX, DOCX.
    public static func readRoadmap(_ data: Data, fileName: String) -> RoadmapDraft {
        do {
            // The package is opened once, for telling its kind and for reading it.
            let archive = package(data)
            switch (kind(of: archive), archive) {
            case (.docx, let archive?):
                return RoadmapImporter.read(text: try DOCXReader.read(archive).lines.joined(separator: "\n"), fileName: fileName)
            case (.xlsx, let archive?):
                return RoadmapImporter.read(rows: try XLSXReader.firstSheetRows(archive), fileName: fileName)
            default:
                return RoadmapImporter.read(text: TextEncoding.decode(data).text, fileName: fileName)
            }
        } catch {
            var draft = RoadmapImporter.read(text: "", fileName: fileName)
            draft.problems = [ImportProblem(file: fileName, row: nil, column: nil, message: "\(error)")]
            return draft
        }
    }
}
