"""The Label Studio adapter: the only module that imports label_studio_sdk."""
