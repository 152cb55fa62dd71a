// The libFuzzer entry points for the drivers in `../Drivers`; built by `.ci/fuzz`, which sets
// KUNDVAL_FUZZ_TARGET to `source`, `facts` or `expression`. A finding stops the run: libFuzzer
// keeps the input as `crash-…`, and its message says what disagreed. With
// KUNDVAL_FUZZ_SEEDS=FOLDER the program writes the target's seeds there and exits.
import Foundation
import KundvalFuzzDrivers

let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["KUNDVAL_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        fatalError("KUNDVAL_FUZZ_TARGET ska vara en av: " + FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))
    }
    return target
}()

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    guard let folder = ProcessInfo.processInfo.environment["KUNDVAL_FUZZ_SEEDS"] else { return 0 }
    for (name, bytes) in target.seeds {
        _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes))
    }
    exit(0)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        try target.run(bytes)
    } catch {
        fatalError("fynd (\(target.rawValue)): \(error)")
    }
    return 0
}
