import Foundation
import ZIPFoundation

/// Building the ZIP containers of Office Open XML files in memory (reading is in ZipLimits.swift).
enum Zip {
    static func build(_ files: [(path: String, content: String)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for file in files {
            let data = Data(file.content.utf8)
            try archive.addEntry(with: file.path, type: .file, uncompressedSize: Int64(data.count),
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
