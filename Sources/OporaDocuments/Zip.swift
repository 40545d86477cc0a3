import Foundation
import ZIPFoundation

/// Building the ZIP containers of Office Open XML files in memory (reading is in ZipLimits.swift).
public enum Zip {
    static func build(_ files: [(path: String, content: String)]) throws -> Data {
        try build(parts: files.map { (path: $0.path, bytes: Data($0.content.utf8)) })
    }

    /// One part of a package, read within the limits for tables; nil when there is no such part
    /// (the tests read back what the writers made).
    static func part(_ path: String, of package: Data) throws -> Data? {
        try Archive.reading(package).part(path, within: .table)
    }

    /// A package of these parts, deflated (also how the fuzzer packs mutated XML into XLSX and DOCX).
    public static func build(parts: [(path: String, bytes: Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in parts {
            let data = part.bytes
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: Date(timeIntervalSince1970: 1_700_000_000),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let out = archive.data else { throw DocumentError.unreadable("не удалось собрать архив") }
        return out
    }
}

public enum DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    public var description: String {
        switch self { case .unreadable(let why): why }
    }
}
