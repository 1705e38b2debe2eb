#include "tests/tools/known_cards.hpp"

namespace cardex::tests {
namespace {

struct Row {
    const char* language;
    const char* region;
    const char* given;
    const char* family;
    const char* title;
    const char* org;
    const char* work;  // phone numbers, as printed; "" for none
    const char* cell;
    const char* fax;
    const char* email;
    const char* url;
    const char* street;
    const char* postal_code;
    const char* locality;
    const char* country;
};

// clang-format off
constexpr Row kRows[] = {
    {"en", "US", "John", "Carter", "Senior Software Engineer", "Acme Robotics Inc.", "(415) 555-0132", "(415) 555-0187", "", "john.carter@acme-robotics.com", "www.acme-robotics.com", "1600 Market Street", "94103", "San Francisco", "USA"},
    {"en", "GB", "Emily", "Watson", "Head of Marketing", "Bluebird Media Ltd", "+44 20 7946 0958", "+44 7700 900123", "+44 20 7946 0959", "emily.watson@bluebird-media.co.uk", "www.bluebird-media.co.uk", "22 Baker Street", "W1U 3BW", "London", "United Kingdom"},
    {"en", "US", "Michael", "Nguyen", "Chief Technology Officer", "Northwind Systems LLC", "(212) 555-0148", "(917) 555-0111", "", "m.nguyen@northwind-systems.com", "www.northwind-systems.com", "350 Fifth Avenue", "10118", "New York", "USA"},
    {"en", "US", "Sarah", "Mitchell", "Sales Director", "Pinecrest Analytics Inc.", "(303) 555-0175", "", "(303) 555-0176", "sarah.mitchell@pinecrest.io", "pinecrest.io", "1801 California Street", "80202", "Denver", "USA"},
    {"en", "GB", "David", "Thompson", "Project Manager", "Harbour Engineering Ltd", "+44 161 496 0734", "+44 7700 900456", "", "d.thompson@harbour-eng.co.uk", "www.harbour-eng.co.uk", "5 Deansgate", "M3 2BW", "Manchester", "United Kingdom"},
    {"en", "US", "Laura", "Bennett", "Product Designer", "Brightpath Labs Inc.", "(206) 555-0199", "(206) 555-0142", "", "laura@brightpath-labs.com", "www.brightpath-labs.com", "400 Pine Street", "98101", "Seattle", "USA"},
    {"en", "US", "Robert", "Hayes", "Chief Executive Officer", "Summit Capital Group", "(617) 555-0163", "", "(617) 555-0164", "rhayes@summitcapital.com", "www.summitcapital.com", "100 Federal Street", "02110", "Boston", "USA"},
    {"en", "GB", "Olivia", "Clarke", "Research Analyst", "Greenfield Consulting Ltd", "+44 131 496 0621", "+44 7700 900789", "", "olivia.clarke@greenfield.co.uk", "www.greenfield.co.uk", "12 George Street", "EH2 2PF", "Edinburgh", "United Kingdom"},
    {"en", "US", "Daniel", "Foster", "Account Manager", "Redwood Software Corp.", "(512) 555-0128", "(512) 555-0156", "", "daniel.foster@redwoodsoft.com", "www.redwoodsoft.com", "600 Congress Avenue", "78701", "Austin", "USA"},
    {"en", "US", "Jessica", "Palmer", "Operations Director", "Silverline Logistics Inc.", "(312) 555-0190", "", "", "jpalmer@silverline-logistics.com", "www.silverline-logistics.com", "233 Wacker Drive", "60606", "Chicago", "USA"},
    {"de", "DE", "Anna", "Schmidt", "Geschäftsführerin", "Nordlicht Software GmbH", "+49 30 12345678", "+49 170 7654321", "+49 30 12345679", "anna.schmidt@nordlicht-software.de", "www.nordlicht-software.de", "Hauptstraße 12", "10115", "Berlin", "Deutschland"},
    {"de", "DE", "Thomas", "Müller", "Vertriebsleiter", "Bergmann Maschinenbau AG", "089 4412 3300", "0171 2233445", "089 4412 3301", "t.mueller@bergmann-ag.de", "www.bergmann-ag.de", "Leopoldstraße 45", "80802", "München", "Deutschland"},
    {"de", "DE", "Julia", "Weber", "Leiterin Personal", "Rheinwerk Logistik GmbH", "0221 9876540", "0152 33445566", "", "julia.weber@rheinwerk-logistik.de", "www.rheinwerk-logistik.de", "Domkloster 4", "50667", "Köln", "Deutschland"},
    {"de", "DE", "Stefan", "Fischer", "Softwareentwickler", "Datenfluss GmbH", "040 3344 5566", "", "040 3344 5567", "stefan.fischer@datenfluss.de", "www.datenfluss.de", "Jungfernstieg 7", "20354", "Hamburg", "Deutschland"},
    {"de", "DE", "Katrin", "Becker", "Projektleiterin", "Hansa Bau GmbH & Co. KG", "0421 556677", "0160 9988776", "", "k.becker@hansa-bau.de", "www.hansa-bau.de", "Am Wall 120", "28195", "Bremen", "Deutschland"},
    {"de", "DE", "Markus", "Wagner", "Geschäftsführer", "Wagner & Partner Steuerberatung", "0711 2233440", "0170 5566778", "0711 2233441", "markus.wagner@wagner-partner.de", "www.wagner-partner.de", "Königstraße 28", "70173", "Stuttgart", "Deutschland"},
    {"de", "DE", "Sabine", "Hoffmann", "Vertriebsingenieurin", "Elektra Antriebstechnik AG", "0911 4455660", "0151 22334455", "", "sabine.hoffmann@elektra-antriebe.de", "www.elektra-antriebe.de", "Karolinenstraße 9", "90402", "Nürnberg", "Deutschland"},
    {"de", "DE", "Jan", "Schulz", "Berater", "Klarsicht Consulting GmbH", "0341 7788990", "", "", "jan.schulz@klarsicht-consulting.de", "www.klarsicht-consulting.de", "Augustusplatz 1", "04109", "Leipzig", "Deutschland"},
    {"de", "DE", "Claudia", "Richter", "Leiterin Einkauf", "Mainfranken Brauerei GmbH", "0931 445566", "0175 6677889", "0931 445567", "c.richter@mainfranken-brauerei.de", "www.mainfranken-brauerei.de", "Juliuspromenade 15", "97070", "Würzburg", "Deutschland"},
    {"de", "DE", "Peter", "Neumann", "Technischer Leiter", "Ostseewerft GmbH", "0381 1234560", "0172 3344556", "", "peter.neumann@ostseewerft.de", "www.ostseewerft.de", "Lange Straße 3", "18055", "Rostock", "Deutschland"},
    {"zh", "CN", "小明", "王", "销售总监", "北京星辰科技有限公司", "+86 10 8888 6666", "+86 138 0013 8000", "+86 10 8888 6667", "wang.xm@xingchen-tech.cn", "www.xingchen-tech.cn", "北京市朝阳区建国路88号", "100022", "北京", "中国"},
    {"zh", "CN", "丽", "李", "市场部经理", "上海东方贸易有限公司", "+86 21 6234 5678", "+86 139 1234 5678", "", "li.li@dongfang-trade.cn", "www.dongfang-trade.cn", "上海市浦东新区世纪大道100号", "200120", "上海", "中国"},
    {"zh", "CN", "伟", "张", "高级工程师", "深圳华创电子有限公司", "+86 755 8765 4321", "+86 137 2345 6789", "+86 755 8765 4322", "zhang.wei@huachuang.com.cn", "www.huachuang.com.cn", "深圳市南山区科技园路18号", "518057", "深圳", "中国"},
    {"zh", "CN", "静", "刘", "人力资源总监", "杭州云端网络有限公司", "+86 571 8812 3456", "+86 136 5678 1234", "", "liujing@yunduan.cn", "www.yunduan.cn", "杭州市西湖区文三路90号", "310012", "杭州", "中国"},
    {"zh", "CN", "强", "陈", "总经理", "广州南方物流集团", "+86 20 3888 9999", "+86 135 0000 1111", "+86 20 3888 9998", "chenqiang@nanfang-logistics.cn", "www.nanfang-logistics.cn", "广州市天河区天河路385号", "510620", "广州", "中国"},
    {"zh", "CN", "敏", "杨", "财务经理", "成都天府软件有限公司", "+86 28 8555 6666", "", "", "yangmin@tianfu-soft.cn", "www.tianfu-soft.cn", "成都市高新区天府大道1号", "610041", "成都", "中国"},
    {"zh", "CN", "磊", "赵", "技术总监", "南京智联信息技术有限公司", "+86 25 8444 3333", "+86 133 4444 5555", "", "zhaolei@zhilian-it.cn", "www.zhilian-it.cn", "南京市鼓楼区中山路55号", "210008", "南京", "中国"},
    {"zh", "CN", "芳", "黄", "项目经理", "武汉长江建设集团", "+86 27 8777 2222", "+86 186 2727 8888", "+86 27 8777 2223", "huangfang@changjiang-build.cn", "www.changjiang-build.cn", "武汉市江汉区解放大道690号", "430022", "武汉", "中国"},
    {"zh", "CN", "军", "周", "首席执行官", "西安丝路文化有限公司", "+86 29 8666 1234", "+86 150 2929 3030", "", "zhoujun@silu-culture.cn", "www.silu-culture.cn", "西安市雁塔区长安南路88号", "710061", "西安", "中国"},
    {"zh", "CN", "娜", "吴", "销售经理", "苏州园林设计有限公司", "+86 512 6555 7777", "+86 158 5120 6060", "", "wuna@yuanlin-design.cn", "www.yuanlin-design.cn", "苏州市姑苏区人民路1号", "215002", "苏州", "中国"},
};
// clang-format on

vcard::Property typed(const char* name, const char* value, std::vector<std::string> types) {
    vcard::Property p = vcard::make_text(name, value);
    p.params.push_back(vcard::Parameter{"TYPE", std::move(types)});
    return p;
}

vcard::Card card_of(const Row& r) {
    vcard::Card card;
    const bool han = std::string(r.language) == "zh";
    card.add(vcard::make_text(
        "FN", han ? std::string(r.family) + r.given : std::string(r.given) + " " + r.family));
    vcard::Property n = vcard::make_text("N", "");
    n.components = {{r.family}, {r.given}, {""}, {""}, {""}};
    card.add(std::move(n));
    card.add(vcard::make_text("TITLE", r.title));
    card.add(vcard::make_text("ORG", r.org));
    if (*r.work) card.add(typed("TEL", r.work, {"work", "voice"}));
    if (*r.cell) card.add(typed("TEL", r.cell, {"cell"}));
    if (*r.fax) card.add(typed("TEL", r.fax, {"work", "fax"}));
    card.add(typed("EMAIL", r.email, {"work"}));
    card.add(vcard::make_text("URL", r.url));
    vcard::Property adr = vcard::make_text("ADR", "");
    adr.components = {{""}, {""}, {r.street}, {r.locality}, {""}, {r.postal_code}, {r.country}};
    adr.params.push_back(vcard::Parameter{"TYPE", {"work"}});
    card.add(std::move(adr));
    return card;
}

}  // namespace

const std::vector<KnownCard>& known_cards() {
    static const std::vector<KnownCard> cards = [] {
        std::vector<KnownCard> out;
        for (const Row& r : kRows)
            out.push_back(KnownCard{r.language, r.region, card_of(r)});
        return out;
    }();
    return cards;
}

}  // namespace cardex::tests
