import Foundation

extension Output {
    /// Why a file could not be read or written, in Swedish, from the error Foundation gave (its
    /// own text is English: "The operation could not be completed").
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        var posix: Int32?
        if nsError.domain == NSPOSIXErrorDomain {
            posix = Int32(nsError.code)
        } else if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error,
                  (underlying as NSError).domain == NSPOSIXErrorDomain {
            posix = Int32((underlying as NSError).code)
        }
        switch posix {
        case ENOENT?: return "mappen eller filen finns inte"
        case EACCES?, EPERM?: return "behörighet saknas"
        case EISDIR?: return "det är en mapp"
        case ENOTDIR?: return "en del av sökvägen är ingen mapp"
        case ENOSPC?: return "disken är full"
        case EROFS?: return "filsystemet är skrivskyddat"
        default: break
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "mappen eller filen finns inte"
            case .fileWriteNoPermission, .fileReadNoPermission: return "behörighet saknas"
            case .fileWriteOutOfSpace: return "disken är full"
            case .fileWriteVolumeReadOnly: return "filsystemet är skrivskyddat"
            case .fileReadInapplicableStringEncoding, .fileReadCorruptFile: return "filen är inte läsbar text"
            default: break
            }
        }
        return "felkod \(nsError.code) från systemet"
    }
}
