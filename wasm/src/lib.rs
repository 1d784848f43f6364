//! kubeward for the browser (wasm-bindgen API).
